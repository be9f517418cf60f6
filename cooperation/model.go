// Package cooperation is the lifecycle of a Kerja Sama Daerah: its kinds,
// stages, the transitions between them and the rules (V-01…V-22 of
// REGULATION.md §14) that guard each transition. It is pure: no storage, no
// HTTP. Adapters load a Cooperation, call Check or Apply with the actor, the
// outside facts and the parameter version in force, store the result and
// append the returned Event to the timeline.
package cooperation

import (
	"slices"
	"time"
)

// Kind is the jenis of a cooperation; every cooperation has exactly one
// (V-01; UU 23/2014 Pasal 363–367, PP 28/2018 Pasal 3, 13, 23, 46).
type Kind string

const (
	KindWajib    Kind = "ksdd_wajib"    // mandatory KSDD between bordering regions (UU 23/2014 Pasal 364)
	KindSukarela Kind = "ksdd_sukarela" // voluntary KSDD (UU 23/2014 Pasal 365)
	KindKSDPK    Kind = "ksdpk"         // with a third party (PP 28/2018 Pasal 13–22)
	KindSinergi  Kind = "sinergi"       // central–regional programme support (PP 28/2018 Pasal 46)
	KindKSDPL    Kind = "ksdpl"         // with a foreign regional government (PMDN 25/2020)
	KindKSDLL    Kind = "ksdll"         // with a foreign institution (PMDN 25/2020)
)

// Kinds lists every kind.
var Kinds = []Kind{KindWajib, KindSukarela, KindKSDPK, KindSinergi, KindKSDPL, KindKSDLL}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// IsKSDD reports whether k is a region–region cooperation.
func (k Kind) IsKSDD() bool { return k == KindWajib || k == KindSukarela }

// IsForeign reports whether k follows Permendagri 25/2020.
func (k Kind) IsForeign() bool { return k == KindKSDPL || k == KindKSDLL }

// Financing is a source of funds (PP 28/2018 Pasal 6(2), 12, 46; PMDN25 Pasal 31).
type Financing string

const (
	FundAPBD       Financing = "apbd"
	FundAPBN       Financing = "apbn"
	FundThirdParty Financing = "third_party"
	FundHibah      Financing = "hibah"
	FundOther      Financing = "other"
)

// Justification allows an object that is not yet in the regional planning
// documents (V-06; PP 28/2018 Pasal 4(3), 16(3)).
type Justification string

const (
	JustDarurat           Justification = "darurat"
	JustStrategisNasional Justification = "program_strategis_nasional"
	JustTugasPembantuan   Justification = "tugas_pembantuan"
)

// Record is a fact recorded elsewhere (a meeting, a letter, a decree), kept
// as its document reference and date. The TKKSD workspace will later link
// these to its own records; the guards only need to know they exist.
type Record struct {
	Ref  string
	Date Date
}

// Present reports whether the record has been made.
func (r *Record) Present() bool { return r != nil && r.Ref != "" && !r.Date.IsZero() }

// Forum levels for the technical coordination of the mapping (PP 28/2018 Pasal 5(2)).
const (
	ForumProvincial = "provincial" // kab/kota within one province
	ForumNational   = "national"   // every other combination
)

// Coordination is the technical-coordination forum that discussed the
// mapping of affairs of a mandatory KSDD (V-07; PP 28/2018 Pasal 5).
type Coordination struct {
	Record
	Level       string // ForumProvincial or ForumNational
	HeadsAgreed bool   // the heads of the regions agreed the result (Pasal 5(3))
}

// Feasibility is the studi kelayakan of a KSDPK (V-08; UU 23/2014 Pasal
// 366(3); PP 28/2018 Pasal 17–18).
type Feasibility struct {
	Record
	Author string // key of the party that prepared it (Party.Key)
	// The three criteria for a third-party initiative (PP 28/2018 Pasal 18(1)).
	MasterPlanIntegration bool // integrates technically with the sector rencana induk
	EconomicallyFeasible  bool // economically and financially feasible
	FinancialCapacity     bool // the third party has enough financial capacity
}

// ContractClauses records which of the minimum contract clauses the KSDPK
// contract contains (V-09; UU 23/2014 Pasal 366(2); PP 28/2018 Pasal 19(2)).
type ContractClauses struct {
	RightsObligations bool
	Term              bool
	DisputeSettlement bool
	Sanctions         bool
}

// Cooperation is one KSD from its preparation to its end.
type Cooperation struct {
	ID         int64
	Title      string
	Kind       Kind
	Stage      Stage
	Parties    []Party
	Urusan     []string // taxonomy urusan codes (V-05)
	Sector     string   // optional BPS sector code
	Objectives string
	Scope      string
	Locations  []string // region codes
	ValueIDR   int64
	Financing  []Financing

	StartDate, EndDate Date
	TermMonths         int

	InPlans       bool // the object is in the RPJMD/RKPD (V-06)
	PlanRef       string
	Justification Justification

	Continuous bool // V-13: a continuous mandatory cooperation
	// Published makes the cooperation visible to the public (its parties,
	// object, term and stage; never drafts or documents not marked public).
	Published bool
	Forwarded bool // KSDLL by forwarding of central cooperation (PMDN25 Pasal 7(a)); V-12

	Mapping          *Record       // V-07 pemetaan urusan
	TechCoordination *Coordination // V-07
	FeasibilityStudy *Feasibility  // V-08
	Clauses          ContractClauses

	Documents []DocRef // filled by storage: which documents exist and are current

	// StageOn is the date of the act that brought the cooperation into its
	// stage (zero before its first step): no later act may be dated
	// before it.
	StageOn Date

	OfferSentOn Date // send_offer
	LoISignedOn Date // sign_loi (V-15)
	// GovernorForwarded is set when the Gubernur forwarded a kab/kota's
	// foreign plan to the Minister; DirectToMinister when the kab/kota sent
	// it itself after the forwarding deadline (PMDN25 Pasal 18(4)–(5)).
	GovernorForwarded, DirectToMinister bool
	// RoutedOn is the day it was forwarded or sent directly: the
	// Minister's next act on it is not dated before (zero while unrouted).
	RoutedOn Date

	Deadlines   []Deadline
	Amendments  []Amendment
	Disputes    []Dispute
	Results     []Result
	Reports     []Report
	Takeover    *Takeover
	Secretariat *Record // sekretariat kerja sama (V-13)
	Ending      *Ending

	RuleVersion string // Params.Version in force when it started
	Version     int64  // optimistic locking, bumped by storage
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Deadline is a due date started by a transition, named by the parameter
// that sets its length.
type Deadline struct {
	Name  string
	Party string // Party.Key, "" for the whole cooperation
	Start Date
	Due   Date
}

// Report is a party's implementation report (pelaporan, PP 28/2018 Pasal
// 6(1)(j)): when it was made, its number, and the party that made it.
type Report struct {
	On     Date
	DocRef string
	Party  string
}

// ReportDue is when a party's next implementation report is due.
type ReportDue struct {
	Party string // Party.Key
	Due   Date
}

// ReportsDue lists, while c is executed, when each party with users of its
// own (a region, a third party) owes its next implementation report. With
// the yearly schedule (the default, copied from Permendagri 25/2020 Pasal
// 35 as REGULATION.md §8.2 advises) the first falls due in the first week
// of the January after execution began, and each report a party records
// settles one year: its next is due a year after the previous one. Nil
// when c is not executed or the schedule is not yearly.
func (c Cooperation) ReportsDue(p Params) []ReportDue {
	if c.Stage != Pelaksanaan || p.Text(PReportSchedule) != "yearly" {
		return nil
	}
	start := c.StageOn
	if start.IsZero() {
		start = c.StartDate
	}
	if start.IsZero() {
		return nil
	}
	var out []ReportDue
	for _, party := range c.Parties {
		if userless(party) {
			continue
		}
		n := 0
		for _, r := range c.Reports {
			if r.Party == party.Key() {
				n++
			}
		}
		out = append(out, ReportDue{Party: party.Key(), Due: D(start.Year+1+n, time.January, 7)})
	}
	return out
}

// Amendment is a signed addendum (REGULATION.md §6; PMDN25 Pasal 20(5)).
type Amendment struct {
	On      Date
	DocRef  string
	Summary string
}

// Dispute records a dispute and the forum competent for it (G-5).
type Dispute struct {
	On     Date
	Party  string
	Reason string
	Forum  Forum
}

// Result is a KSDPK yield (V-19; PP 28/2018 Pasal 20): money goes to the
// kas daerah as revenue, goods are registered as regional assets.
type Result struct {
	On        Date
	Money     bool
	AmountIDR int64
	Ref       string // kas daerah receipt or asset register entry
}

// Takeover is the pengambilalihan of an unexecuted mandatory cooperation
// (G-4; UU 23/2014 Pasal 364(3)–(5); PP 28/2018 Pasal 10–11).
type Takeover struct {
	On               Date
	By               string // "central" or "governor"
	Province         string // for a governor takeover
	Guidance         Record // pembinaan
	Evaluation       Record
	MinisterApproval Record // required for the Gubernur (PP 28/2018 Pasal 11(2)(c))
}

// Ending is why and when the cooperation ended (V-18).
type Ending struct {
	On     Date
	Reason EndReason
	Note   string
}

// Running reports whether deadline d of c still awaits the event it was
// started for: the answer to an offer while the offer is out (only the
// latest offer's deadline: a new offer replaces it), the DPRD's decision
// while the party's DPRD has not decided, the Gubernur's forwarding while
// a kab/kota's plan or draft Naskah waits at the Gubernur (the latest
// submission's). A deadline whose event has happened, or
// whose stage the cooperation has left, is history: the timeline keeps
// it, the list of running deadlines does not.
func (c Cooperation) Running(d Deadline) bool {
	if c.Stage.Terminal() {
		return false
	}
	switch d.Name {
	case POfferAnswer:
		latest, _ := c.OfferDeadline()
		return c.Stage == Penawaran && latest == d
	case PDPRDForeign:
		if c.Stage != MenungguDPRD {
			return false
		}
		p, _, ok := c.Party(d.Party)
		return !ok || p.DPRD == DPRDPending || p.DPRD == ""
	case PGovernorForward:
		latest, _ := c.latestDeadline(PGovernorForward)
		return slices.Contains(atMinisterGate, c.Stage) && !c.GovernorForwarded && !c.DirectToMinister && latest == d
	}
	return true
}

// OfferDeadline is the answer deadline of c's latest offer (each
// send_offer starts one; a new offer replaces the one before), and false
// if no offer was sent. The answer guard, the lapse job, the inbox and the
// running deadlines all read this one.
func (c Cooperation) OfferDeadline() (Deadline, bool) { return c.latestDeadline(POfferAnswer) }

// latestDeadline is the last deadline named name that c started.
func (c Cooperation) latestDeadline(name string) (Deadline, bool) {
	for i := len(c.Deadlines) - 1; i >= 0; i-- {
		if c.Deadlines[i].Name == name {
			return c.Deadlines[i], true
		}
	}
	return Deadline{}, false
}

// RunningDeadlines lists the deadlines of c that still await their event,
// soonest first.
func (c Cooperation) RunningDeadlines() []Deadline {
	var out []Deadline
	for _, d := range c.Deadlines {
		if c.Running(d) {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return out
}
