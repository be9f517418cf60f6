package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
)

// stepFields says which inputs a step's guided form asks for; every other
// step asks only for the date of the act.
var stepFields = map[cooperation.TransitionName][]string{
	cooperation.DeclineOffer:  {"on", "reason"},
	cooperation.SignKB:        {"signature", "dprd"},
	cooperation.SignPKS:       {"signature", "kuasa"},
	cooperation.SignNK:        {"signature"},
	cooperation.SignLoI:       {"signature"},
	cooperation.SignNaskah:    {"signature"},
	cooperation.RecordDPRD:    {"decision"},
	cooperation.RejectDPRD:    {"decision", "reason"},
	cooperation.Amend:         {"on", "doc_ref", "reason"},
	cooperation.Extend:        {"new_end_date", "doc_ref"},
	cooperation.Terminate:     {"on", "end_reason", "doc_ref", "reason"},
	cooperation.Expire:        {},
	cooperation.RaiseDispute:  {"on", "reason"},
	cooperation.TakeOver:      {"takeover"},
	cooperation.RecordResult:  {"result"},
	cooperation.RecordReport:  {"on", "doc_ref"},
	cooperation.AttachSecr:    {"on", "doc_ref"},
	cooperation.RecordMeeting: {"on", "doc_ref"},
	cooperation.ReturnPlan:    {"on", "reason"},
	cooperation.RecordStudy:   {"on", "feasibility"},
}

func fieldsOf(t cooperation.TransitionName) []string {
	if f, ok := stepFields[t]; ok {
		return f
	}
	return []string{"on"}
}

type stepData struct {
	Coop       cooperation.Cooperation
	Step       cooperation.TransitionName
	Fields     map[string]bool
	Problems   []cooperation.Problem
	Docs       []docNeed
	Parties    []cooperation.Party // to act for, when the actor records for another party
	EndReasons []cooperation.EndReason
	Errors     map[string]string
	Form       map[string]string
}

// Missing reports whether a document the step needs is not on file.
func (d stepData) Missing() bool {
	for _, n := range d.Docs {
		if !n.Present {
			return true
		}
	}
	return false
}

// stepOf returns the transition named by {step} for c's kind, or not found.
func stepOf(r *http.Request, c cooperation.Cooperation) (*cooperation.Transition, error) {
	t := cooperation.Lookup(c.Kind, cooperation.TransitionName(r.PathValue("step")))
	if t == nil {
		return nil, &jalin.Error{Code: jalin.ENotFound, Msg: "coop.step_unknown", Args: []any{r.PathValue("step")}, Err: jalin.ErrNotFound}
	}
	return t, nil
}

// coopStepForm is the guided form of one step: what it means, what it
// still needs (every unmet requirement), and the inputs it asks for.
func (s *Server) coopStepForm(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.authorize(w, r, access.TransitionCooperation, c.Resource()) {
		return
	}
	t, err := stepOf(r, c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, p, err := s.coopRules(r.Context(), c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Acting for a party without accounts (a ministry, a foreign partner)
	// is chosen on the cooperation's page.
	in.Party = r.URL.Query().Get("party")
	var probs []cooperation.Problem
	for _, pr := range cooperation.Check(c, t.Name, info(r).Actor, in, p, s.now()) {
		if pr.Rule == cooperation.RuleActor {
			// Somebody who may not take this step is not shown its form,
			// as submitting it would be refused (cooperation.Apply).
			s.fail(w, r, &jalin.Error{Code: jalin.EForbidden, Msg: pr.Msg, Args: pr.Args})
			return
		}
		if pr.Rule != cooperation.RuleInput {
			probs = append(probs, pr)
		}
	}
	s.renderStep(w, r, http.StatusOK, c, t, &coopRuleSet{in, p}, probs, nil)
}

// coopRuleSet is what coopRules reads for a cooperation.
type coopRuleSet struct {
	in     cooperation.Input
	params cooperation.Params
}

// renderStep shows step t's form for c with the problems and field errors
// given. rules are c's rules (coopRules) when the caller has read them,
// else nil, and renderStep reads them.
func (s *Server) renderStep(w http.ResponseWriter, r *http.Request, status int, c cooperation.Cooperation, t *cooperation.Transition,
	rules *coopRuleSet, probs []cooperation.Problem, errs map[string]string) {
	d := stepData{Coop: c, Step: t.Name, Fields: map[string]bool{}, Problems: probs, Errors: errs,
		EndReasons: cooperation.TerminationReasons(c.Kind), Form: map[string]string{}}
	for _, f := range fieldsOf(t.Name) {
		d.Fields[f] = true
	}
	a := info(r).Actor
	// A ministry or foreign partner has no users of its own: the team (or
	// the ministry's administrator) records its acts, where the step may be
	// taken for it.
	if rules == nil {
		in, params, err := s.coopRules(r.Context(), c)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rules = &coopRuleSet{in, params}
	}
	d.Parties = cooperation.ActingFor(c, t.Name, a, rules.in, rules.params, s.now())
	if party := r.URL.Query().Get("party"); party != "" {
		d.Form["party"] = party
	}
	if r.Method == http.MethodPost {
		for k, v := range r.PostForm {
			if k != "csrf" && len(v) > 0 {
				d.Form[k] = v[0]
			}
		}
	}
	// A document is on file for the party the step is taken for, as the
	// rule reads it: the party chosen, else the actor's own region's.
	party := d.Form["party"]
	if party == "" {
		if p, _, ok := c.Party(a.Region); ok {
			party = p.Key()
		}
	}
	for _, dt := range t.Docs {
		d.Docs = append(d.Docs, docNeed{Type: dt, Present: c.HasDoc(dt, party)})
	}
	s.renderStatus(w, r, status, "coop_step", view{Nav: "coops", Title: s.t(r, "coop.step."+string(t.Name)) + " · " + c.Title, Data: d})
}

// coopStep takes the step: the guards run on the current stored
// cooperation; a refusal lists every unmet requirement; a stale form (the
// cooperation changed meanwhile, e.g. in another tab) is refused.
func (s *Server) coopStep(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := stepOf(r, c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	fill, err := stepInput(r, t.Name)
	var updated cooperation.Cooperation
	if err == nil {
		updated, err = s.applyTransition(r, c.ID, version, t.Name, fill)
	}
	if err != nil {
		var ref *cooperation.Refusal
		switch {
		case jalin.ErrorCode(err) == jalin.EForbidden || jalin.ErrorCode(err) == jalin.ENotFound:
			s.fail(w, r, err)
		case errors.As(err, &ref):
			s.renderStep(w, r, http.StatusUnprocessableEntity, c, t, nil, ref.Problems, nil)
		case jalin.ErrorCode(err) == jalin.EConflict:
			s.renderStep(w, r, http.StatusConflict, c, t, nil, nil, map[string]string{"version": s.message(r, err)})
		default:
			s.formFail(w, r, err, func(errs map[string]string) { s.renderStep(w, r, statusOfErr(err), c, t, nil, nil, errs) })
		}
		return
	}
	http.Redirect(w, r, "/cooperations/"+idOf(updated.ID)+"?saved="+string(t.Name), http.StatusSeeOther)
}

// stepInput reads the step's inputs from the form, naming a malformed field.
func stepInput(r *http.Request, t cooperation.TransitionName) (func(*cooperation.Input), error) {
	var in cooperation.Input
	var err error
	text := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	on := func(name string) bool { return r.PostFormValue(name) == "on" }
	in.Party, in.Reason, in.DocRef = text("party"), text("reason"), text("doc_ref")
	in.EndReason = cooperation.EndReason(text("end_reason"))
	if in.On, err = dateField(r, "on"); err != nil {
		return nil, err
	}
	if in.NewEndDate, err = dateField(r, "new_end_date"); err != nil {
		return nil, err
	}
	fields := map[string]bool{}
	for _, f := range fieldsOf(t) {
		fields[f] = true
	}
	if fields["signature"] {
		sigOn, err := dateField(r, "sig_on")
		if err != nil {
			return nil, err
		}
		in.Signature = &cooperation.Signature{SignerName: text("signer_name"), Office: text("office"),
			ByKuasa: on("by_kuasa"), KuasaRef: text("kuasa_ref"), On: sigOn}
	}
	if fields["dprd"] {
		in.DPRD = &cooperation.DPRDAssessment{BurdensCommunity: on("burdens_community"), NotBudgeted: on("not_budgeted")}
	}
	if fields["decision"] {
		if in.Decision, err = recordField(r, "decision"); err != nil {
			return nil, err
		}
	}
	if fields["takeover"] {
		to := &cooperation.Takeover{By: text("to_by"), Province: text("to_province")}
		for prefix, rec := range map[string]*cooperation.Record{"guidance": &to.Guidance, "evaluation": &to.Evaluation, "approval": &to.MinisterApproval} {
			x, err := recordField(r, prefix)
			if err != nil {
				return nil, err
			}
			if x != nil {
				*rec = *x
			}
		}
		in.Takeover = to
	}
	if fields["feasibility"] {
		rec, err := recordField(r, "fs")
		if err != nil {
			return nil, err
		}
		if rec != nil {
			in.Study = &cooperation.Feasibility{Record: *rec, Author: text("fs_author"), MasterPlanIntegration: on("fs_master_plan"),
				EconomicallyFeasible: on("fs_economic"), FinancialCapacity: on("fs_capacity")}
		}
	}
	if fields["result"] {
		amount, _ := strconv.ParseInt(strings.ReplaceAll(text("result_amount"), ".", ""), 10, 64)
		in.Result = &cooperation.Result{Money: on("result_money"), AmountIDR: amount, Ref: text("result_ref")}
	}
	return func(x *cooperation.Input) {
		facts, cal := x.Facts, x.Calendar
		*x = in
		x.Facts, x.Calendar = facts, cal
	}, nil
}
