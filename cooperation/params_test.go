package cooperation

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
)

func TestParamVersions(t *testing.T) {
	old := Defaults()
	next := Defaults()
	next.Version, next.EffectiveFrom = "2026-revision", D(2026, 1, 1)
	next.Values = map[string]Param{}
	for k, v := range old.Values {
		next.Values[k] = v
	}
	next.Values[PMaxTermDomestic] = param(PMaxTermDomestic, 3, "", UnitYears, Confirmed, "hypothetical")
	vs := []Params{next, old}
	c := wajib() // starts 2024-04-01, four years
	if p := ParamsFor(vs, c.StartDate); p.Version != old.Version || len(Check(c, TKKSDReview, kotaAdmin, facts(), p, now0)) != 0 {
		t.Errorf("old cooperation judged by %s", p.Version)
	}
	c.StartDate, c.EndDate = D(2026, 2, 1), D(2030, 2, 1)
	p := ParamsFor(vs, c.StartDate)
	if p.Version != next.Version || rules(Check(c, TKKSDReview, kotaAdmin, facts(), p, now0))["V-14"] != 1 {
		t.Errorf("new cooperation judged by %s", p.Version)
	}
	if ParamsFor(nil, c.StartDate).Version != old.Version {
		t.Error("no versions: want defaults")
	}
	delete(p.Values, PLoIValidity)
	if rules(Check(wajib(), TKKSDReview, kotaAdmin, facts(), p, now0))[RuleParam] != 1 {
		t.Error("missing parameter not reported")
	}
}

func TestForeignDPRDDeemedApproval(t *testing.T) {
	c := at(foreignCoop(), MenungguDPRD)
	c.LoISignedOn = D(2024, 1, 15)
	c.Parties[0].DPRD, c.Parties[0].DPRDReceived = DPRDPending, D(2024, 3, 1) // a Friday
	due := weekdays{}.AddWorkdays(D(2024, 3, 1), 45)                          // 2024-05-03
	if due != D(2024, 5, 3) {
		t.Fatalf("due %v", due)
	}
	onDue := time.Date(2024, 5, 3, 12, 0, 0, 0, wib)
	if ps := Check(c, DeemDPRD, kotaAdmin, facts(), Defaults(), onDue); rules(ps)["V-12"] != 1 {
		t.Errorf("deemed on the due day: %v", ps)
	}
	n := run(t, c, Defaults(), onDue.AddDate(0, 0, 1), []step{{DeemDPRD, kotaAdmin, nil, MenungguDPRD}})
	if n.Parties[0].DPRD != DPRDDeemed {
		t.Fatalf("status %s", n.Parties[0].DPRD)
	}
	run(t, n, Defaults(), onDue.AddDate(0, 0, 1), []step{{SubmitToMinister, kotaAdmin, nil, DiajukanKeMenteri}})
}

func TestLoIExpiry(t *testing.T) {
	c := at(foreignCoop(), RencanaKerjaSama)
	c.LoISignedOn = D(2023, 3, 1)
	ps := Check(c, RequestDPRD, kotaAdmin, facts(), Defaults(), now0) // 2024-03-01: expired that day
	if rules(ps)["V-15"] != 1 {
		t.Errorf("expired LoI: %v", ps)
	}
	if ps := Check(c, RequestDPRD, kotaAdmin, facts(), Defaults(), now0.AddDate(0, 0, -1)); len(ps) != 0 {
		t.Errorf("last valid day: %v", ps)
	}
	n := run(t, c, Defaults(), now0, []step{{LapseLoI, kotaAdmin, nil, KonsultasiLoI}})
	if !n.LoISignedOn.IsZero() {
		t.Error("LoI date kept")
	}
}

func TestEndingReasons(t *testing.T) {
	for _, tc := range []struct {
		c  Cooperation
		r  EndReason
		ok bool
	}{
		{wajib(), EndChangeOfHead, false}, {wajib(), "", false}, {wajib(), EndPartnerBankrupt, false},
		{wajib(), EndTermExpired, false}, {wajib(), EndObjectLost, true}, {ksdpk(), EndCourtJudgment, true},
		{ksdpk(), EndChangeOfHead, false}, {foreignCoop(), EndReplaced, true}, {foreignCoop(), EndPolicyChange, false},
	} {
		ps := Check(at(tc.c, Pelaksanaan), Terminate, kotaAdmin, Input{EndReason: tc.r}, Defaults(), now0)
		if (len(ps) == 0) != tc.ok {
			t.Errorf("%s %q: %v", tc.c.Kind, tc.r, ps)
		}
		if tc.r == EndChangeOfHead && (len(ps) != 1 || ps[0].Msg != "coop.v18_change_of_head") {
			t.Errorf("change of head: %v", ps)
		}
	}
	if ps := Check(at(wajib(), Pelaksanaan), Expire, kotaAdmin, Input{}, Defaults(), now0); rules(ps)["V-18"] != 1 {
		t.Errorf("expiry before the end date: %v", ps)
	}
}

func TestCheckReturnsAllProblems(t *testing.T) {
	c := wajib()
	c.Urusan, c.InPlans, c.Documents = nil, false, nil
	ps := Check(c, TKKSDReview, kotaAdmin, facts(), Defaults(), now0)
	if len(ps) != 3 || rules(ps)["V-05"] != 1 || rules(ps)["V-06"] != 1 || rules(ps)["V-17"] != 1 {
		t.Fatalf("want three problems, got %v", ps)
	}
	_, _, err := Apply(c, TKKSDReview, kotaAdmin, facts(), Defaults(), now0)
	if code(err) != jalin.EInvalid || len(refusal(t, err)) != 3 {
		t.Errorf("Apply: %v", err)
	}
}

func TestAvailable(t *testing.T) {
	c := wajib()
	c.Documents = nil
	opts := Available(c, kotaAdmin, Input{}, Defaults(), now0)
	if len(opts) != 1 || opts[0].Name != TKKSDReview || rules(opts[0].Problems)["V-17"] != 1 {
		t.Errorf("home team: %+v", opts)
	}
	if opts := Available(c, kotaViewer, Input{}, Defaults(), now0); len(opts) != 0 {
		t.Errorf("viewer: %+v", opts)
	}
	pk := at(wajib(), PenyusunanKB)
	if opts := Available(pk, kabMember, Input{}, Defaults(), now0); len(opts) != 1 || opts[0].Name != SignKB || len(opts[0].Problems) != 0 {
		t.Errorf("partner at KB: %+v", opts)
	}
}

// TestMessageKeysComplete keeps MessageKeys in step with the keys the code
// emits; the web tests check that the i18n catalogs hold every one of them.
func TestMessageKeysComplete(t *testing.T) {
	listed := map[string]bool{}
	for _, k := range MessageKeys {
		listed[k] = true
	}
	used := map[string]bool{}
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"(coop\.[a-z0-9_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "messages.go" {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			used[m[1]] = true
			if !listed[m[1]] {
				t.Errorf("%s uses %s, not in MessageKeys", f, m[1])
			}
		}
	}
	for k := range listed {
		if !used[k] {
			t.Errorf("MessageKeys lists %s, which no code uses", k)
		}
	}
}

func TestParamsOf(t *testing.T) {
	old := Defaults()
	newer := Defaults()
	newer.Version, newer.EffectiveFrom = "2027-revision", D(2027, 1, 1)
	versions := []Params{old, newer}
	cases := []struct {
		c    Cooperation
		want string
	}{
		{Cooperation{RuleVersion: old.Version, StartDate: D(2027, 6, 1)}, old.Version}, // recorded version wins
		{Cooperation{StartDate: D(2027, 6, 1)}, "2027-revision"},
		{Cooperation{StartDate: D(2025, 6, 1)}, old.Version},
		{Cooperation{}, "2027-revision"}, // no start: today's (2028) version
	}
	for i, c := range cases {
		if got := ParamsOf(versions, c.c, D(2028, 1, 1)).Version; got != c.want {
			t.Errorf("case %d: %s, want %s", i, got, c.want)
		}
	}
}
