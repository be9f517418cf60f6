package tkksd

import (
	"cmp"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/taxonomy"
)

// MappingEntry is one line of a region's pemetaan urusan: for one
// government affair of UU 23/2014, what the region can offer others and
// what it needs from cooperation, with a priority (1 high, 3 low).
type MappingEntry struct {
	Region   string `json:"region_code"`
	Urusan   string `json:"urusan"`
	Offer    string `json:"offer,omitempty"`
	Need     string `json:"need,omitempty"`
	Priority int    `json:"priority"`
	Notes    string `json:"notes,omitempty"`
}

// Validate checks one entry: a known urusan, an offer or a need (or both),
// and a priority from 1 to 3.
func (e *MappingEntry) Validate() error {
	e.Offer, e.Need, e.Notes = strings.TrimSpace(e.Offer), strings.TrimSpace(e.Need), strings.TrimSpace(e.Notes)
	if _, ok := taxonomy.UrusanByCode(e.Urusan); !ok {
		return jalin.Invalid("urusan", "tkksd.urusan_unknown", e.Urusan)
	}
	if e.Offer == "" && e.Need == "" {
		return jalin.Invalid("offer", "tkksd.offer_or_need")
	}
	if e.Priority < 1 || e.Priority > 3 {
		return jalin.Invalid("priority", "tkksd.priority_range")
	}
	return nil
}

// Covers reports whether the entries record urusan u for region r: the
// fact a mandatory KSDD needs before it leaves preparation (V-07).
func Covers(entries []MappingEntry, r, u string) bool {
	return slices.ContainsFunc(entries, func(e MappingEntry) bool { return e.Region == r && e.Urusan == u })
}

// Completeness is the share of the urusan catalogue a region's mapping
// covers, as mapped/total.
func Completeness(entries []MappingEntry) (mapped, total int) {
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e.Urusan] = true
	}
	return len(seen), len(taxonomy.Urusans())
}

// Match pairs one region's offer with another region's need in the same
// urusan: a candidate for cooperation the ministry or a province can point
// out.
type Match struct {
	Urusan      string `json:"urusan"`
	OfferRegion string `json:"offer_region"`
	Offer       string `json:"offer"`
	NeedRegion  string `json:"need_region"`
	Need        string `json:"need"`
	Priority    int    `json:"priority"` // the need's priority
}

// Matches pairs every offer with every need of another region in the same
// urusan, the most pressing needs first (then by urusan and regions).
func Matches(entries []MappingEntry) []Match {
	byUrusan := map[string][]MappingEntry{}
	for _, e := range entries {
		byUrusan[e.Urusan] = append(byUrusan[e.Urusan], e)
	}
	var out []Match
	for u, es := range byUrusan {
		for _, o := range es {
			if o.Offer == "" {
				continue
			}
			for _, n := range es {
				if n.Need == "" || n.Region == o.Region {
					continue
				}
				out = append(out, Match{Urusan: u, OfferRegion: o.Region, Offer: o.Offer,
					NeedRegion: n.Region, Need: n.Need, Priority: n.Priority})
			}
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Priority, b.Priority), cmp.Compare(a.Urusan, b.Urusan),
			cmp.Compare(a.NeedRegion, b.NeedRegion), cmp.Compare(a.OfferRegion, b.OfferRegion))
	})
	return out
}
