package web

import (
	"slices"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
)

// Every input a step's rules ask the user for (RuleInput) has a field on
// the step's guided form: otherwise the step can never be taken in the
// browser.
func TestStepFormsAskWhatTheRulesNeed(t *testing.T) {
	actor := access.Actor{UserID: 1, Name: "kota", Role: access.RegencyAdmin, Region: "32.73"}
	national := access.Actor{UserID: 2, Name: "kemendagri", Role: access.NationalAdmin}
	for _, k := range cooperation.Kinds {
		for _, tr := range cooperation.Table(k) {
			if !slices.Contains(tr.Kinds, k) {
				continue
			}
			for _, from := range tr.From {
				c := cooperation.Cooperation{ID: 1, Title: "x", Kind: k, Stage: from, Parties: []cooperation.Party{
					{Kind: cooperation.PartyRegion, Region: "32.73", Name: "Kota Bandung", Initiator: true},
					{Kind: cooperation.PartyRegion, Region: "32.04", Name: "Kab. Bandung"}}}
				for _, a := range []access.Actor{actor, national} {
					for _, pr := range cooperation.Check(c, tr.Name, a, cooperation.Input{}, cooperation.Defaults(), time.Now()) {
						// Facts (adjacency, the calendar) come from the server, not the form.
						if pr.Rule == cooperation.RuleInput && pr.Field != "" && pr.Msg != "coop.facts_missing" && !slices.Contains(fieldsOf(tr.Name), pr.Field) {
							t.Errorf("%s %s at %s: the rules ask for %q (%s), the form has %v", k, tr.Name, from, pr.Field, pr.Msg, fieldsOf(tr.Name))
						}
					}
				}
			}
		}
	}
}
