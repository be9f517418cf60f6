package cooperation

import (
	"slices"

	"github.com/jalin-ksd/jalin/region"
)

func prob(rule, msg string, field string, args ...any) Problem {
	return Problem{Rule: rule, Msg: msg, Args: args, Field: field}
}

// countKinds counts parties per kind.
func (c Cooperation) countKinds() map[PartyKind]int {
	m := map[PartyKind]int{}
	for _, p := range c.Parties {
		m[p.Kind]++
	}
	return m
}

// v01 checks that the cooperation has one known kind and that its parties
// fit it (V-01; UU 23/2014 Pasal 363–367; PP 28/2018 Pasal 3, 13, 23, 46).
// The party rules of KSDD and KSDPK are V-03 and V-04.
var v01 = Guard{"V-01", func(x *ctx) []Problem {
	c := x.c
	if !c.Kind.Valid() {
		return []Problem{prob("V-01", "coop.v01_kind_unknown", "kind", string(c.Kind))}
	}
	var out []Problem
	if c.initiator() < 0 {
		out = append(out, prob("V-01", "coop.v01_no_initiator", "parties"))
	}
	n := c.countKinds()
	want := map[Kind]PartyKind{KindSinergi: PartyCentral, KindKSDPL: PartyForeignGovernment, KindKSDLL: PartyForeignInstitution}
	if pk, ok := want[c.Kind]; ok {
		if n[PartyRegion] < 1 || n[pk] < 1 || n[PartyRegion]+n[pk] != len(c.Parties) {
			out = append(out, prob("V-01", "coop.v01_parties_mismatch", "parties", string(c.Kind), string(pk)))
		}
	}
	return out
}}

// v03: a KSDD is between two or more regions, each a province or a
// kab/kota (V-03; PP 28/2018 Pasal 3).
var v03 = Guard{"V-03", func(x *ctx) []Problem {
	var out []Problem
	seen := map[string]bool{}
	for _, p := range x.c.Parties {
		if l := p.level(); l != region.Province && l != region.Regency {
			out = append(out, prob("V-03", "coop.v03_party_not_region", "parties", p.Name))
			continue
		}
		seen[p.Region] = true
	}
	if len(seen) < 2 {
		out = append(out, prob("V-03", "coop.v03_two_regions", "parties"))
	}
	return out
}}

// v04: a KSDPK partner is a person, a legal-entity business or a civil
// society organisation (V-04; PP 28/2018 Pasal 14). A ministry or agency is
// not a third party: its cooperation is a Sinergi (Ditjen Bina Adwil [S]).
var v04 = Guard{"V-04", func(x *ctx) []Problem {
	var out []Problem
	n := x.c.countKinds()
	for _, p := range x.c.Parties {
		switch p.Kind {
		case PartyRegion:
		case PartyCentral:
			out = append(out, prob("V-04", "coop.v04_central_is_sinergi", "parties", p.Name))
		case PartyThirdParty:
			if !slices.Contains([]ThirdPartyType{Perseorangan, BadanUsaha, Ormas}, p.ThirdPartyType) {
				out = append(out, prob("V-04", "coop.v04_third_party_type", "parties", p.Name, string(p.ThirdPartyType)))
			}
		default:
			out = append(out, prob("V-04", "coop.v04_party_kind", "parties", p.Name, string(p.Kind)))
		}
	}
	if n[PartyRegion] < 1 || n[PartyThirdParty] < 1 {
		out = append(out, prob("V-04", "coop.v04_needs_region_and_third_party", "parties"))
	}
	return out
}}

// contains reports whether a province contains a regency: such a pair
// (combination (b) of UU 23/2014 Pasal 364(2)) shares its territory, which
// this package counts as bordering (an interpretation).
func contains(a, b string) bool {
	la, lb := region.LevelOf(a), region.LevelOf(b)
	return la == region.Province && lb == region.Regency && provinceOf(b) == a ||
		lb == region.Province && la == region.Regency && provinceOf(a) == b
}

// v02: the parties of a mandatory KSDD border each other (V-02; UU 23/2014
// Pasal 364(1)–(2); PP 28/2018 Pasal 3(2)). Every pair of a province or
// kab/kota is one of the five combinations of Pasal 364(2), so the level
// rule is V-03's; what remains is bordering. For three or more regions the
// parameter wajib_bordering_rule_3plus says whether every pair must border
// or the bordering pairs must connect them all.
var v02 = Guard{"V-02", func(x *ctx) []Problem {
	if x.in.Borders == nil {
		return []Problem{prob(RuleInput, "coop.facts_missing", "parties", "borders")}
	}
	var codes []string
	for _, i := range x.c.regionParties() {
		codes = append(codes, x.c.Parties[i].Region)
	}
	adj := func(a, b string) bool { return contains(a, b) || x.in.Borders(a, b) || x.in.Borders(b, a) }
	if len(codes) <= 2 || x.p.Text(PWajibBordering) == BorderEveryPair {
		var out []Problem
		for i := range codes {
			for j := i + 1; j < len(codes); j++ {
				if !adj(codes[i], codes[j]) {
					out = append(out, prob("V-02", "coop.v02_not_bordering", "parties", codes[i], codes[j]))
				}
			}
		}
		return out
	}
	reached := map[string]bool{codes[0]: true}
	for grew := true; grew; {
		grew = false
		for _, a := range codes {
			if reached[a] {
				continue
			}
			for b := range reached {
				if adj(a, b) {
					reached[a], grew = true, true
					break
				}
			}
		}
	}
	if len(reached) < len(codes) {
		return []Problem{prob("V-02", "coop.v02_not_connected", "parties")}
	}
	return nil
}}

// tkksdConsidered: the home region's TKKSD has considered the proposal and
// recommends going on (REGULATION.md §9.1 and §14.4: the team evaluates
// an initiative before the offer is made; a secondary-source practice, so
// it applies where the caller supplies the considerations, Facts.Considered).
var tkksdConsidered = Guard{RuleTKKSD, func(x *ctx) []Problem {
	h := x.c.home()
	if x.in.Considered == nil || h < 0 {
		return nil
	}
	if r := x.c.Parties[h].Region; !x.in.Considered(r, x.c.Stage) {
		return []Problem{prob(RuleTKKSD, "coop.tkksd_consideration_missing", "consideration", r)}
	}
	return nil
}}
