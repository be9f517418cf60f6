package cooperation

import (
	"errors"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
)

// weekdays is a fake calendar: Monday to Friday, no holidays.
type weekdays struct{}

func (weekdays) AddWorkdays(d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}

var (
	kotaAdmin    = access.Actor{UserID: 1, Name: "bdg", Role: access.RegencyAdmin, Region: "32.73"}
	kabMember    = access.Actor{UserID: 2, Name: "bdgkab", Role: access.RegencyMember, Region: "32.04"}
	kotaViewer   = access.Actor{UserID: 3, Name: "view", Role: access.RegencyViewer, Region: "32.73"}
	otherRegion  = access.Actor{UserID: 4, Name: "smg", Role: access.RegencyAdmin, Region: "33.74"}
	provAdmin    = access.Actor{UserID: 5, Name: "jabar", Role: access.ProvinceAdmin, Region: "32"}
	national     = access.Actor{UserID: 6, Name: "kemendagri", Role: access.NationalAdmin}
	analyst      = access.Actor{UserID: 7, Name: "analis", Role: access.NationalAnalyst}
	tpUser       = access.Actor{UserID: 8, Name: "pt", Role: access.ThirdParty, Region: "32.73", OrgID: 10}
	tpOther      = access.Actor{UserID: 9, Name: "cv", Role: access.ThirdParty, Region: "32.73", OrgID: 11}
	jatengAdmin  = access.Actor{UserID: 10, Name: "jateng", Role: access.ProvinceAdmin, Region: "33"}
	jabarMember  = access.Actor{UserID: 11, Name: "jabar-m", Role: access.ProvinceMember, Region: "32"}
	now0         = time.Date(2024, 3, 1, 3, 0, 0, 0, time.UTC) // 10:00 WIB
	everyBorders = func(a, b string) bool { return true }
)

func liaisons() []Liaison {
	l := Liaison{"Ani", "1987", "0812", "ani@x.id", "ST-1"}
	return []Liaison{l, l}
}

func allDocs() []DocRef {
	var ds []DocRef
	for _, d := range DocTypes {
		ds = append(ds, DocRef{Type: d.Type, Ref: "doc-" + string(d.Type), Current: true})
	}
	return ds
}

func base(k Kind, parties ...Party) Cooperation {
	return Cooperation{ID: 1, Title: "Air minum", Kind: k, Stage: InitialStage(k), Parties: parties,
		Urusan: []string{"1.03"}, InPlans: true, PlanRef: "RPJMD 2023-2026",
		StartDate: D(2024, 4, 1), EndDate: D(2028, 4, 1),
		Mapping:          &Record{"PM-1", D(2023, 5, 1)},
		TechCoordination: &Coordination{Record{"TK-1", D(2023, 6, 1)}, ForumProvincial, true},
		Documents:        allDocs(), RuleVersion: Defaults().Version}
}

func kota(init bool) Party {
	return Party{Kind: PartyRegion, Region: "32.73", Name: "Kota Bandung", Initiator: init, Liaisons: liaisons()}
}
func kab() Party { return Party{Kind: PartyRegion, Region: "32.04", Name: "Kab. Bandung"} }
func pt(init bool) Party {
	return Party{Kind: PartyThirdParty, OrgID: 10, Name: "PT Air", ThirdPartyType: BadanUsaha, Initiator: init}
}
func ministry() Party { return Party{Kind: PartyCentral, Name: "Kementerian PUPR"} }
func foreignGov() Party {
	return Party{Kind: PartyForeignGovernment, Name: "Braunschweig", Country: "DE"}
}

func wajib() Cooperation { return base(KindWajib, kota(true), kab()) }

func ksdpk() Cooperation {
	c := base(KindKSDPK, kota(false), pt(true))
	c.FeasibilityStudy = &Feasibility{Record{"SK-1", D(2023, 7, 1)}, "org:10", true, true, true}
	c.Clauses = ContractClauses{true, true, true, true}
	return c
}

func facts() Input { return Input{Facts: Facts{Borders: everyBorders}, Calendar: weekdays{}} }

func sig(kuasa bool) *Signature {
	s := &Signature{SignerName: "Muhammad", Office: "Wali Kota"}
	if kuasa {
		s.ByKuasa, s.KuasaRef, s.Office = true, "SK-kuasa", "Kepala Dinas"
	}
	return s
}

// step is one transition of a scenario.
type step struct {
	t    TransitionName
	a    access.Actor
	in   func(*Input)
	want Stage
}

func run(t *testing.T, c Cooperation, p Params, now time.Time, steps []step) Cooperation {
	t.Helper()
	for i, s := range steps {
		in := facts()
		if s.in != nil {
			s.in(&in)
		}
		n, ev, err := Apply(c, s.t, s.a, in, p, now)
		if err != nil {
			t.Fatalf("step %d %s by %s at %s: %v", i, s.t, s.a.Name, c.Stage, err)
		}
		if n.Stage != s.want || ev.To != s.want || ev.Type != s.t {
			t.Fatalf("step %d %s: stage %s, event %+v; want %s", i, s.t, n.Stage, ev, s.want)
		}
		c = n
	}
	return c
}

func rules(ps []Problem) map[string]int {
	m := map[string]int{}
	for _, p := range ps {
		m[p.Rule]++
	}
	return m
}

func code(err error) jalin.Code { return jalin.ErrorCode(err) }

func refusal(t *testing.T, err error) []Problem {
	t.Helper()
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("no Refusal in %v", err)
	}
	return r.Problems
}

// wib is Western Indonesia Time, for test instants.
var wib = time.FixedZone("WIB", 7*3600)

// withoutDoc is c with no document of type t on file.
func withoutDoc(c Cooperation, t DocType) Cooperation {
	var docs []DocRef
	for _, d := range c.Documents {
		if d.Type != t {
			docs = append(docs, d)
		}
	}
	c.Documents = docs
	return c
}
