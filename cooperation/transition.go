package cooperation

// TransitionName names a step of a lifecycle.
type TransitionName string

// Domestic and Sinergi transitions (§14.2, §3).
const (
	TKKSDReview  TransitionName = "tkksd_review"
	SendOffer    TransitionName = "send_offer"
	AcceptOffer  TransitionName = "accept_offer"
	DeclineOffer TransitionName = "decline_offer"
	LapseOffer   TransitionName = "lapse_offer"
	SignKB       TransitionName = "sign_kb"
	RequestDPRD  TransitionName = "request_dprd"
	RecordDPRD   TransitionName = "record_dprd"
	RejectDPRD   TransitionName = "record_dprd_rejection"
	StartPKS     TransitionName = "start_pks"
	SignPKS      TransitionName = "sign_pks"
	SignNK       TransitionName = "sign_nk"
	Amend        TransitionName = "amend"
	Extend       TransitionName = "extend"
	Terminate    TransitionName = "terminate"
	Expire       TransitionName = "expire"
	RaiseDispute TransitionName = "dispute"
	TakeOver     TransitionName = "takeover"
	AttachSecr   TransitionName = "attach_secretariat"
	RecordResult TransitionName = "record_result"
	RecordReport TransitionName = "record_report"
	RecordStudy  TransitionName = "record_feasibility"
)

// Foreign transitions (§14.3; PMDN25 Pasal 9–26).
const (
	StartExploration  TransitionName = "start_exploration"
	PrepareStudy      TransitionName = "prepare_study"
	ConsultLoI        TransitionName = "consult_loi"
	SignLoI           TransitionName = "sign_loi"
	LapseLoI          TransitionName = "lapse_loi"
	DraftPlan         TransitionName = "draft_plan"
	DeemDPRD          TransitionName = "deem_dprd_approved"
	SubmitToMinister  TransitionName = "submit_to_minister"
	ForwardByGovernor TransitionName = "forward_by_governor"
	SendDirect        TransitionName = "send_direct"
	Verify            TransitionName = "verify"
	ReturnPlan        TransitionName = "return_plan"
	ApproveDrafting   TransitionName = "approve_drafting"
	SubmitDraft       TransitionName = "submit_draft_naskah"
	RecordMeeting     TransitionName = "record_interministerial"
	RecordConfirm     TransitionName = "record_confirmation"
	ApproveMinister   TransitionName = "approve_minister"
	SignNaskah        TransitionName = "sign_naskah"
	StartExecution    TransitionName = "start_implementation"
)

// Transition is one row of a lifecycle table.
type Transition struct {
	Name  TransitionName
	From  []Stage
	To    Stage // "" keeps the stage (an event such as an amendment)
	Kinds []Kind
	Who   Who
	// Step, if set, makes the transition a per-party act (an answer, a
	// signature, a DPRD decision): each party records its own, and the
	// stage moves to To only once every party concerned has done it.
	Step   *Step
	Guards []Guard
	Docs   []DocType // current documents required (V-17)
	// Final are documents required of the act that completes a per-party
	// step: the agreement signed by every party is on file before the
	// last signature moves the cooperation on (V-17).
	Final    []DocType
	Deadline string // parameter naming the deadline it starts
	Effect   func(x *ctx, c *Cooperation, data map[string]string)
}

// Who says who may perform a transition. Allow returns the index of the
// party the actor acts for (-1 for supervisors acting for no party).
type Who struct {
	Name  string
	Allow func(x *ctx) (party int, ok bool)
}

// Step is a per-party act: which parties it concerns and when one is done.
type Step struct {
	Concerned func(c Cooperation, i int) bool
	Done      func(p Party) bool
}

func (s *Step) complete(c Cooperation) bool {
	for i, p := range c.Parties {
		if s.Concerned(c, i) && !s.Done(p) {
			return false
		}
	}
	return true
}

// Guard is one rule check, named by its rule ID.
type Guard struct {
	Rule  string
	Check func(x *ctx) []Problem
}

func (t *Transition) deadlineParty(x *ctx) string {
	if t.Step != nil || t.Name == RequestDPRD {
		return x.partyKey()
	}
	return ""
}

// Table returns the lifecycle table that governs kind k.
func Table(k Kind) []Transition {
	var tab []Transition
	switch {
	case k.IsKSDD() || k == KindKSDPK:
		tab = domesticTable
	case k == KindSinergi:
		tab = sinergiTable
	case k.IsForeign():
		tab = foreignTable
	}
	var out []Transition
	for _, t := range tab {
		for _, tk := range t.Kinds {
			if tk == k {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// Lookup returns the transition named n for kind k, or nil.
func Lookup(k Kind, n TransitionName) *Transition {
	for _, t := range Table(k) {
		if t.Name == n {
			return &t
		}
	}
	return nil
}

// Completes reports whether party i's act would complete t's per-party
// step on c: every other party concerned has done it.
func (t *Transition) Completes(c Cooperation, i int) bool {
	if t.Step == nil {
		return true
	}
	for j, p := range c.Parties {
		if j != i && t.Step.Concerned(c, j) && !t.Step.Done(p) {
			return false
		}
	}
	return true
}
