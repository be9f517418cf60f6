package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

// A new parameter version applies to cooperations starting from its date;
// a value changed with its legal source named is no longer "unverified".
func TestParameterVersions(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		r := f.do("na", request{method: "POST", path: "/params", form: url.Values{"version": {"2027-revisi"},
			"effective_from": {"2027-01-01"}, "source": {"Permendagri 22/2020 Pasal 9 ayat 2"}, "value_offer_answer_deadline": {"20"}}})
		if r.Status != 303 {
			t.Fatalf("save: %d %s", r.Status, problemsOf(r.Body))
		}
		page := f.do("na", request{method: "GET", path: "/params"})
		if !strings.Contains(page.Body, "2027-revisi") || !strings.Contains(page.Body, "Permendagri 22/2020 Pasal 9 ayat 2") {
			t.Error("the new version is not shown")
		}
		// Units, choices and confidence read in the page's language.
		for _, want := range []string{"20 hari kerja", "setiap tahun", "belum pasti", "sebelum penandatanganan KB"} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("the Indonesian parameters page lacks %q", want)
			}
		}
		for _, not := range []string{" workdays<", "yearly", ">bool<"} {
			if strings.Contains(page.Body, not) {
				t.Errorf("the Indonesian parameters page shows %q", not)
			}
		}
		versions, err := db.ParamVersions(context.Background())
		if err != nil || len(versions) != 2 {
			t.Fatalf("versions: %d %v", len(versions), err)
		}
		v := versions[1].Values["offer_answer_deadline"]
		if v.Value != 20 || v.Unverified {
			t.Errorf("changed value: %+v", v)
		}
		if other := versions[1].Values["max_term_years_domestic"]; !other.Unverified || other.Value != 5 {
			t.Errorf("unchanged value must keep its state: %+v", other)
		}
		// A cooperation starting in 2027 is judged by the new version.
		r = f.do("ra", request{method: "POST", path: "/cooperations", form: url.Values{"title": {"Kerja sama 2027"}, "kind": {"ksdd_sukarela"},
			"partner_kind": {"region"}, "partner_region": {"32.04"}, "start_date": {"2027-03-01"}, "end_date": {"2029-12-31"}}})
		if r.Status != 303 {
			t.Fatalf("create: %d %s", r.Status, problemsOf(r.Body))
		}
		c, err := db.GetCooperation(context.Background(), access.Scope{All: true}, atoi(strings.TrimPrefix(r.Header.Get("Location"), "/cooperations/")))
		if err != nil || c.RuleVersion != "2027-revisi" {
			t.Errorf("rule version %q, %v", c.RuleVersion, err)
		}
		// The same name again is refused: a version in force is never rewritten.
		r = f.do("na", request{method: "POST", path: "/params", form: url.Values{"version": {"2027-revisi"}, "effective_from": {"2027-01-01"}}})
		if r.Status < 400 {
			t.Errorf("reusing a version in use: %d", r.Status)
		}
	})
}
