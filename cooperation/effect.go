package cooperation

import "slices"

// onlyFor limits a guard to some kinds, so one table row serves KSDD and
// KSDPK with their different rules.
func onlyFor(g Guard, kinds ...Kind) Guard {
	return Guard{g.Rule, func(x *ctx) []Problem {
		if !slices.Contains(kinds, x.c.Kind) {
			return nil
		}
		return g.Check(x)
	}}
}

// Per-party steps.
var (
	allParties  = func(c Cooperation, i int) bool { return true }
	stepAccept  = &Step{func(c Cooperation, i int) bool { return i != c.home() }, func(p Party) bool { return p.Answer == AnswerAccepted }}
	stepKB      = &Step{allParties, func(p Party) bool { return p.KB.Signed() }}
	stepPKS     = &Step{allParties, func(p Party) bool { return p.PKS.Signed() }}
	stepNK      = &Step{allParties, func(p Party) bool { return p.NK.Signed() }}
	stepNaskah  = &Step{allParties, func(p Party) bool { return p.Naskah.Signed() }}
	stepDPRDDom = &Step{func(c Cooperation, i int) bool {
		return c.Parties[i].Kind == PartyRegion && c.Parties[i].RequiresDPRD()
	}, func(p Party) bool { return p.DPRD == DPRDApproved }}
)

func (x *ctx) me(c *Cooperation) *Party { return &c.Parties[x.party] }

func effOffer(x *ctx, c *Cooperation, _ map[string]string) {
	c.OfferSentOn = x.on()
	for i := range c.Parties {
		if i != c.home() {
			c.Parties[i].Answer = AnswerPending
		}
	}
}

func effAnswer(a Answer) func(*ctx, *Cooperation, map[string]string) {
	return func(x *ctx, c *Cooperation, _ map[string]string) {
		p := x.me(c)
		p.Answer, p.AnswerReason, p.AnsweredAt = a, x.in.Reason, x.now
	}
}

func signed(x *ctx) *Signature {
	s := *x.in.Signature
	if s.On.IsZero() {
		s.On = x.on()
	}
	return &s
}

func effSignKB(x *ctx, c *Cooperation, data map[string]string) {
	p := x.me(c)
	p.KB = signed(x)
	if p.Kind == PartyRegion && x.in.DPRD != nil {
		p.BurdensCommunity, p.NotBudgeted, p.DPRDAssessed = x.in.DPRD.BurdensCommunity, x.in.DPRD.NotBudgeted, true
		p.DPRD = DPRDNotRequired
		if p.RequiresDPRD() {
			p.DPRD = DPRDPending
			data["requires_dprd"] = "true"
		}
	}
}

func effSign(field func(*Party) **Signature) func(*ctx, *Cooperation, map[string]string) {
	return func(x *ctx, c *Cooperation, _ map[string]string) { *field(x.me(c)) = signed(x) }
}

func effDPRD(s DPRDStatus) func(*ctx, *Cooperation, map[string]string) {
	return func(x *ctx, c *Cooperation, data map[string]string) {
		p := x.me(c)
		p.DPRD = s
		if x.in.Decision != nil {
			p.DPRDDecision = *x.in.Decision
			data["decision"] = x.in.Decision.Ref
		}
	}
}

// effForeignDPRD starts the 45 working days at the Sekretariat DPRD's
// receipt of the request (PMDN25 Pasal 17(1)).
func effForeignDPRD(x *ctx, c *Cooperation, _ map[string]string) {
	for _, i := range c.regionParties() {
		c.Parties[i].DPRD, c.Parties[i].DPRDReceived = DPRDPending, x.on()
	}
}

func effAmend(x *ctx, c *Cooperation, data map[string]string) {
	c.Amendments = append(c.Amendments, Amendment{On: x.on(), DocRef: x.in.DocRef, Summary: x.in.Reason})
	data["doc"] = x.in.DocRef
}

func effExtend(x *ctx, c *Cooperation, data map[string]string) {
	data["old_end"], data["new_end"] = c.EndDate.String(), x.in.NewEndDate.String()
	c.EndDate = x.in.NewEndDate
}

func effTerminate(x *ctx, c *Cooperation, data map[string]string) {
	c.Ending = &Ending{On: x.on(), Reason: x.in.EndReason, Note: x.in.Reason}
	data["end_reason"] = string(x.in.EndReason)
}

func effExpire(x *ctx, c *Cooperation, data map[string]string) {
	c.Ending = &Ending{On: c.EndDate, Reason: EndTermExpired}
	data["end_reason"] = string(EndTermExpired)
}

func effDispute(x *ctx, c *Cooperation, data map[string]string) {
	f := DisputeForum(*c)
	c.Disputes = append(c.Disputes, Dispute{On: x.on(), Party: x.partyKey(), Reason: x.in.Reason, Forum: f})
	data["forum"] = string(f)
}

func effSecretariat(x *ctx, c *Cooperation, _ map[string]string) {
	c.Secretariat = &Record{Ref: x.in.DocRef, Date: x.on()}
}

func effResult(x *ctx, c *Cooperation, _ map[string]string) {
	r := *x.in.Result
	if r.On.IsZero() {
		r.On = x.on()
	}
	c.Results = append(c.Results, r)
}

func effLoI(x *ctx, c *Cooperation, _ map[string]string) {
	c.LoISignedOn = x.on()
	x.me(c).LoI = signed(x)
}

func effLapseLoI(x *ctx, c *Cooperation, data map[string]string) {
	data["lapsed_loi"] = c.LoISignedOn.String()
	c.LoISignedOn = Date{}
	for i := range c.Parties {
		c.Parties[i].LoI = nil
	}
}

// effSubmit starts the Gubernur's five working days for a kab/kota plan
// or draft Naskah (PMDN25 Pasal 18(4), 20(3)).
func effSubmit(x *ctx, c *Cooperation, _ map[string]string) {
	if h := c.home(); h >= 0 && isRegency(c.Parties[h].Region) {
		start := x.on()
		c.Deadlines = append(c.Deadlines, Deadline{Name: PGovernorForward, Start: start,
			Due: x.p.dueDate(PGovernorForward, start, x.in.Calendar)})
	}
}

// effReport records a party's implementation report.
func effReport(x *ctx, c *Cooperation, data map[string]string) {
	c.Reports = append(c.Reports, Report{On: x.on(), DocRef: x.in.DocRef, Party: x.partyKey()})
	data["doc_ref"] = x.in.DocRef
}

// effStudy records the feasibility study (V-08).
func effStudy(x *ctx, c *Cooperation, data map[string]string) {
	f := *x.in.Study
	c.FeasibilityStudy = &f
	data["doc_ref"] = f.Ref
}

// studyGiven: the step names the study by number and date.
var studyGiven = Guard{RuleInput, func(x *ctx) []Problem {
	if f := x.in.Study; f == nil || !f.Present() {
		return []Problem{prob(RuleInput, "coop.v08_study_record_missing", "feasibility")}
	}
	return nil
}}
