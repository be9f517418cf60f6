package cooperation

import (
	"fmt"
	"slices"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// Rule IDs for problems that are not one of the V-rules.
const (
	RuleStage = "STAGE" // the transition does not start from the current stage
	RuleActor = "ACTOR" // the actor may not perform it
	RuleOrder = "ORDER" // this party has done it already
	RuleInput = "INPUT" // the request lacks data the user must give
	RuleParam = "PARAM" // the parameter version lacks a value
	RuleTime  = "TIME"  // a deadline has (not yet) passed
	RuleTKKSD = "TKKSD" // the TKKSD's consideration is missing or against
)

// Problem is one unmet requirement, ready for the message catalog.
type Problem struct {
	Rule  string
	Msg   string
	Args  []any
	Field string
}

func (p Problem) String() string { return p.Rule + " " + p.Msg + fmt.Sprint(p.Args) }

// Refusal is the cause of the error Apply returns, so that adapters can
// list every problem rather than the first.
type Refusal struct{ Problems []Problem }

func (r *Refusal) Error() string {
	return fmt.Sprintf("cooperation: %d problem(s): %v", len(r.Problems), r.Problems)
}

// Facts are what the guards need from outside the cooperation. They are
// inputs, not lookups, so the package stays pure.
type Facts struct {
	// Borders reports whether two regions share a border (imported
	// adjacency), for V-02.
	Borders func(a, b string) bool
	// Authority, if set, reports whether an urusan is of the region's
	// authority (UU 23/2014 annex), for V-05.
	Authority func(regionCode, urusan string) bool
	// Mapped, if set, reports whether the region's submitted mapping of
	// affairs (pemetaan urusan, kept by its TKKSD) records the urusan, for
	// V-07: a mandatory KSDD leaves preparation only on affairs every
	// party region has mapped.
	Mapped func(regionCode, urusan string) bool
	// Considered, if set, reports whether the region's TKKSD has recorded
	// its consideration recommending that the cooperation go on from the
	// stage, for the guard tkksdConsidered.
	Considered func(regionCode string, stage Stage) bool
}

// Input is what the user gives with a transition.
type Input struct {
	Facts
	Calendar Calendar
	// Party names the party acted for when the actor records for a party
	// without its own users (a ministry, a foreign partner); otherwise the
	// actor's own party is used.
	Party      string
	On         Date // date of the act (letter, decision, receipt); zero means today
	Reason     string
	EndReason  EndReason
	Signature  *Signature
	DPRD       *DPRDAssessment
	Decision   *Record // DPRD decision number and date
	NewEndDate Date
	DocRef     string // the addendum or other document the event rests on
	Takeover   *Takeover
	Result     *Result
	Study      *Feasibility // the feasibility study's record (record_feasibility)
}

// DPRDAssessment is a party's answer to PP 28/2018 Pasal 6(2).
type DPRDAssessment struct{ BurdensCommunity, NotBudgeted bool }

// Event is one entry of the cooperation's timeline.
type Event struct {
	Type      TransitionName
	From, To  Stage
	ActorID   int64
	ActorName string
	Role      access.Role
	Party     string
	Reason    string
	Data      map[string]string
	At        time.Time
}

// ctx carries one evaluation.
type ctx struct {
	c     Cooperation
	t     *Transition
	a     access.Actor
	in    Input
	p     Params
	now   time.Time
	today Date
	party int // acting party index, -1 if none
}

func (x *ctx) on() Date {
	if !x.in.On.IsZero() {
		return x.in.On
	}
	return x.today
}

// actDates are the dates the input gives for the act, with the field each
// is asked in.
func (x *ctx) actDates() []struct {
	field string
	d     Date
} {
	type fd = struct {
		field string
		d     Date
	}
	out := []fd{{"on", x.in.On}}
	if s := x.in.Signature; s != nil {
		out = append(out, fd{"signature", s.On})
	}
	if d := x.in.Decision; d != nil {
		out = append(out, fd{"decision", d.Date})
	}
	if t := x.in.Takeover; t != nil {
		out = append(out, fd{"takeover", t.On})
	}
	if r := x.in.Result; r != nil {
		out = append(out, fd{"result", r.On})
	}
	return out
}

// actOn is the date the act happened: the first date the input gives, or
// today.
func (x *ctx) actOn() Date {
	for _, fd := range x.actDates() {
		if !fd.d.IsZero() {
			return fd.d
		}
	}
	return x.today
}

// checkDates: an act is recorded once it has happened, so none of its
// dates lies after today, nor before the act that brought the cooperation
// into its stage (an answer before the offer, a DPRD decision before the
// request, a signature before the acceptance).
func (x *ctx) checkDates() []Problem {
	var out []Problem
	for _, fd := range x.actDates() {
		switch {
		case fd.d.IsZero():
		case fd.d.After(x.today):
			out = append(out, prob(RuleInput, "coop.date_future", fd.field, fd.d.String(), x.today.String()))
		case !x.c.StageOn.IsZero() && fd.d.Before(x.c.StageOn):
			out = append(out, prob(RuleInput, "coop.date_before_stage", fd.field, fd.d.String(), x.c.StageOn.String()))
		}
	}
	return out
}

// Check returns every unmet requirement of performing t on c, not only the
// first, so the user sees all that is missing at once.
func Check(c Cooperation, t TransitionName, a access.Actor, in Input, p Params, now time.Time) []Problem {
	_, probs := evaluate(c, t, a, in, p, now)
	return probs
}

func evaluate(c Cooperation, name TransitionName, a access.Actor, in Input, p Params, now time.Time) (*ctx, []Problem) {
	tr := Lookup(c.Kind, name)
	if tr == nil && !c.Kind.Valid() {
		return nil, []Problem{{Rule: "V-01", Msg: "coop.v01_kind_unknown", Args: []any{string(c.Kind)}, Field: "kind"}}
	}
	if tr == nil {
		return nil, []Problem{{Rule: RuleStage, Msg: "coop.transition_unknown", Args: []any{string(name), string(c.Kind)}, Field: "transition"}}
	}
	x := &ctx{c: c, t: tr, a: a, in: in, p: p, now: now, today: DateOf(now), party: -1}
	var out []Problem
	for _, n := range p.missing() {
		out = append(out, Problem{Rule: RuleParam, Msg: "coop.param_missing", Args: []any{n, p.Version}})
	}
	if !slices.Contains(tr.From, c.Stage) {
		out = append(out, Problem{Rule: RuleStage, Msg: "coop.wrong_stage", Args: []any{string(name), string(c.Stage)}, Field: "stage"})
	}
	party, ok := tr.Who.Allow(x)
	if !ok {
		out = append(out, Problem{Rule: RuleActor, Msg: "coop.actor_not_allowed", Args: []any{string(name), tr.Who.Name}})
	}
	x.party = party
	if ok && tr.Step != nil && party >= 0 && tr.Step.Done(c.Parties[party]) {
		out = append(out, Problem{Rule: RuleOrder, Msg: "coop.party_already_done", Args: []any{string(name), c.Parties[party].Name}})
	}
	for _, d := range tr.Docs {
		if !c.HasDoc(d, x.partyKey()) {
			out = append(out, Problem{Rule: "V-17", Msg: "coop.doc_missing", Args: []any{string(d)}, Field: "documents"})
		}
	}
	if ok && party >= 0 && tr.Completes(c, party) {
		for _, d := range tr.Final {
			if !c.HasDoc(d, "") {
				out = append(out, Problem{Rule: "V-17", Msg: "coop.doc_missing_final", Args: []any{string(d)}, Field: "documents"})
			}
		}
	}
	for _, g := range tr.Guards {
		out = append(out, g.Check(x)...)
	}
	out = append(out, x.checkDates()...)
	if tr.Deadline != "" && p.Values[tr.Deadline].Unit == UnitWorkdays && in.Calendar == nil {
		out = append(out, Problem{Rule: "V-20", Msg: "coop.calendar_missing", Args: []any{tr.Deadline}})
	}
	return x, out
}

func (x *ctx) partyKey() string {
	if x.party < 0 {
		return ""
	}
	return x.c.Parties[x.party].Key()
}

// Apply performs t on c if Check finds nothing, and returns the changed
// cooperation and its timeline event. It refuses with a *jalin.Error whose
// cause is a *Refusal: ENotFound when the actor may not know c exists (as
// in package access), EForbidden when the actor is the only problem,
// EInvalid otherwise. Version is left to storage.
func Apply(c Cooperation, t TransitionName, a access.Actor, in Input, p Params, now time.Time) (Cooperation, Event, error) {
	if !access.Visible(a, c.Resource()) {
		return c, Event{}, &jalin.Error{Code: jalin.ENotFound, Msg: jalin.ErrNotFound.Msg, Err: jalin.ErrNotFound}
	}
	x, probs := evaluate(c, t, a, in, p, now)
	if len(probs) > 0 {
		// Someone who may not take this step at all is told only that:
		// the step's other requirements are none of his business.
		var actor []Problem
		for _, pr := range probs {
			if pr.Rule == RuleActor {
				actor = append(actor, pr)
			}
		}
		code := jalin.EInvalid
		if len(actor) > 0 {
			code, probs = jalin.EForbidden, actor
		}
		return c, Event{}, &jalin.Error{Code: code, Msg: probs[0].Msg, Args: probs[0].Args,
			Field: probs[0].Field, Err: &Refusal{Problems: probs}}
	}
	n := clone(c)
	x.c = n
	ev := Event{Type: t, From: c.Stage, ActorID: a.UserID, ActorName: a.Name, Role: a.Role,
		Party: x.partyKey(), Reason: in.Reason, Data: map[string]string{}, At: now}
	if x.t.Effect != nil {
		x.t.Effect(x, &n, ev.Data)
	}
	if x.t.Deadline != "" {
		start := x.on()
		n.Deadlines = append(n.Deadlines, Deadline{Name: x.t.Deadline, Party: x.t.deadlineParty(x),
			Start: start, Due: p.dueDate(x.t.Deadline, start, in.Calendar)})
	}
	on := x.actOn()
	ev.Data["on"] = on.String()
	if to := x.t.To; to != "" && (x.t.Step == nil || x.t.Step.complete(n)) {
		n.Stage = to
	}
	if n.Stage != c.Stage && on.After(n.StageOn) {
		n.StageOn = on
	}
	n.UpdatedAt = now
	ev.To = n.Stage
	return n, ev, nil
}

// Option is a transition the actor may take next, with what still stands
// in its way (empty when it can be done now).
type Option struct {
	Name     TransitionName
	Party    string // the key of a party without accounts the actor records the step for; "" for the actor's own
	Problems []Problem
}

// Available lists the transitions open to a from c's current stage, with
// the unmet requirements of each, for the "next required actions" panel.
// in carries the outside facts (adjacency, calendar) as for Check. Problems
// about data the user still has to type (RuleInput) and the calendar are
// left out: the step's form asks for them.
func Available(c Cooperation, a access.Actor, in Input, p Params, now time.Time) []Option {
	var out []Option
	option := func(name TransitionName, party string, probs []Problem) (Option, bool) {
		keep := probs[:0]
		for _, pr := range probs {
			switch pr.Rule {
			case RuleActor, RuleOrder:
				return Option{}, false
			case RuleInput, "V-20":
			default:
				keep = append(keep, pr)
			}
		}
		return Option{Name: name, Party: party, Problems: keep}, true
	}
	for _, tr := range Table(c.Kind) {
		if !slices.Contains(tr.From, c.Stage) {
			continue
		}
		if o, ok := option(tr.Name, in.Party, Check(c, tr.Name, a, in, p, now)); ok {
			out = append(out, o)
			continue
		}
		// A ministry or foreign partner has no users: the initiating team
		// or the national administrator records its answer and signature.
		for i, party := range c.Parties {
			if userless(party) {
				probs, own := forParty(c, tr.Name, a, in, p, now, i)
				if !own {
					continue
				}
				if o, ok := option(tr.Name, party.Key(), probs); ok {
					out = append(out, o)
				}
			}
		}
	}
	return out
}

// ActingFor lists the parties without accounts (a ministry, a foreign
// partner) on whose behalf actor a may take step t on c, as Available
// offers them: the step must be that party's own act (its answer, its
// signature), not one the actor takes for itself whatever party it names.
func ActingFor(c Cooperation, t TransitionName, a access.Actor, in Input, p Params, now time.Time) []Party {
	var out []Party
	for i, party := range c.Parties {
		if !userless(party) {
			continue
		}
		probs, own := forParty(c, t, a, in, p, now, i)
		if own && !slices.ContainsFunc(probs, func(pr Problem) bool { return pr.Rule == RuleActor }) {
			out = append(out, party)
		}
	}
	return out
}

// forParty evaluates a taking step t on c for party i (in.Party is set to
// it): the unmet requirements, and whether the step is that party's own
// act at all.
func forParty(c Cooperation, t TransitionName, a access.Actor, in Input, p Params, now time.Time, i int) ([]Problem, bool) {
	in.Party = c.Parties[i].Key()
	x, probs := evaluate(c, t, a, in, p, now)
	return probs, x != nil && x.party == i
}

// Resource describes c for package access: it belongs to its party regions
// and third-party organisations.
func (c Cooperation) Resource() access.Resource {
	r := access.Resource{Kind: "cooperation", Published: c.Published}
	for _, p := range c.Parties {
		switch p.Kind {
		case PartyRegion:
			r.Regions = append(r.Regions, p.Region)
		case PartyThirdParty:
			r.OrgIDs = append(r.OrgIDs, p.OrgID)
		}
	}
	return r
}

// clone copies the slices Apply may change so the caller's value stays intact.
func clone(c Cooperation) Cooperation {
	n := c
	n.Parties = slices.Clone(c.Parties)
	n.Deadlines = slices.Clone(c.Deadlines)
	n.Amendments = slices.Clone(c.Amendments)
	n.Disputes = slices.Clone(c.Disputes)
	n.Results = slices.Clone(c.Results)
	n.Reports = slices.Clone(c.Reports)
	return n
}

// Awaited is a step the cooperation waits for at its stage: who may take
// it and, for a step every concerned party takes in turn, the parties that
// have not yet.
type Awaited struct {
	Name    TransitionName
	Who     string   // Who.Name: party, partner_party, national_admin, ...
	Parties []string // the names of the parties still to act; empty when any one may
}

// Awaiting lists the steps that move c on from its stage (not the events
// such as amendments that keep it there), so that somebody with nothing to
// do sees whom the cooperation waits for.
func Awaiting(c Cooperation) []Awaited {
	var out []Awaited
	for _, tr := range Table(c.Kind) {
		if tr.To == "" || tr.To == c.Stage || !slices.Contains(tr.From, c.Stage) || tr.To.Terminal() {
			continue
		}
		w := Awaited{Name: tr.Name, Who: tr.Who.Name}
		if tr.Step != nil {
			for i, p := range c.Parties {
				if tr.Step.Concerned(c, i) && !tr.Step.Done(p) {
					w.Parties = append(w.Parties, p.Name)
				}
			}
		}
		out = append(out, w)
	}
	return out
}
