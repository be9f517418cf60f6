package partner

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin/taxonomy"
)

// Reason is one clause of a suggestion's explanation: a message key for the
// web layer's catalogue and its arguments, in the order documented at each
// key.
type Reason struct {
	Key  string
	Args []any
}

// Reason keys.
const (
	// ReasonSupply: the partner is basis where you are not.
	// Args: sector key (string), partner LQ, your LQ (float64).
	ReasonSupply = "partner.reason.supply"
	// ReasonMarket: you are basis where the partner is not.
	// Args: sector key, your LQ, partner LQ.
	ReasonMarket = "partner.reason.market"
	// ReasonSharedBase: both are basis. Args: sector keys ([]string).
	ReasonSharedBase = "partner.reason.shared_base"
	// ReasonBorder: a shared land border. No args.
	ReasonBorder = "partner.reason.border"
	// ReasonDistance: seat-to-seat distance. Args: km (float64).
	ReasonDistance = "partner.reason.distance"
	// ReasonActive / ReasonExpired: existing cooperation. No args.
	ReasonActive  = "partner.reason.active"
	ReasonExpired = "partner.reason.expired"
	// ReasonNoData: LQ data is missing. Args: the region code lacking it.
	ReasonNoData = "partner.reason.no_data"
)

// maxSectorReasons caps the supply and market clauses each, strongest first.
const maxSectorReasons = 2

func (p *prepared) reasons(i int, c candidate) []Reason {
	j, S := c.j, len(p.sel)
	var rs []Reason
	type contrast struct {
		k   int
		gap float64
	}
	var supply, market []contrast
	for m := (p.base[i] ^ p.base[j]) & p.ok[i] & p.ok[j]; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		ct := contrast{k, math.Abs(p.lq[i*S+k] - p.lq[j*S+k])}
		if p.base[j]&(1<<k) != 0 {
			supply = append(supply, ct)
		} else {
			market = append(market, ct)
		}
	}
	byGap := func(a, b contrast) int {
		if a.gap != b.gap {
			return cmp.Compare(b.gap, a.gap)
		}
		return cmp.Compare(a.k, b.k)
	}
	slices.SortFunc(supply, byGap)
	slices.SortFunc(market, byGap)
	for _, ct := range supply[:min(len(supply), maxSectorReasons)] {
		rs = append(rs, Reason{ReasonSupply, []any{p.in.Sectors[p.sel[ct.k]], p.lq[j*S+ct.k], p.lq[i*S+ct.k]}})
	}
	for _, ct := range market[:min(len(market), maxSectorReasons)] {
		rs = append(rs, Reason{ReasonMarket, []any{p.in.Sectors[p.sel[ct.k]], p.lq[i*S+ct.k], p.lq[j*S+ct.k]}})
	}
	if sh := p.base[i] & p.base[j]; sh != 0 {
		var keys []string
		for ; sh != 0; sh &= sh - 1 {
			keys = append(keys, p.in.Sectors[p.sel[bits.TrailingZeros64(sh)]])
		}
		rs = append(rs, Reason{ReasonSharedBase, []any{keys}})
	}
	if p.border[i*p.n+j] {
		rs = append(rs, Reason{ReasonBorder, nil})
	}
	if d := p.distance(i, j); !math.IsNaN(d) {
		rs = append(rs, Reason{ReasonDistance, []any{d}})
	}
	switch p.exist[i*p.n+j] {
	case Active:
		rs = append(rs, Reason{ReasonActive, nil})
	case Expired:
		rs = append(rs, Reason{ReasonExpired, nil})
	}
	if S > 0 {
		for _, r := range []int{i, j} {
			if !p.any[r] {
				rs = append(rs, Reason{ReasonNoData, []any{p.in.Regions[r]}})
			}
		}
	}
	return rs
}

// Explain renders a suggestion's reasons as one sentence in Indonesian
// ("id", the default) or English ("en"). names maps region codes to display
// names (Inputs.Names); a code without a name is shown as is.
func Explain(s Suggestion, lang string, names map[string]string) string {
	en := lang == "en"
	who := s.Partner
	if nm, ok := names[s.Partner]; ok && nm != "" {
		who = nm
	}
	num := func(v float64) string {
		t := strconv.FormatFloat(v, 'f', 2, 64)
		if !en {
			t = strings.Replace(t, ".", ",", 1)
		}
		return t
	}
	sector := func(key any) string {
		k, _ := key.(string)
		if t, ok := taxonomy.SectorByCode(k); ok {
			if en {
				return t.NameEN
			}
			return t.NameID
		}
		return k
	}
	var cl []string
	for _, r := range s.Reasons {
		switch r.Key {
		case ReasonSupply:
			a, b := r.Args[1].(float64), r.Args[2].(float64)
			if en {
				cl = append(cl, fmt.Sprintf("%s is a base region for %s (LQ %s) and you import it (LQ %s)", who, sector(r.Args[0]), num(a), num(b)))
			} else {
				cl = append(cl, fmt.Sprintf("%s adalah daerah basis %s (LQ %s) yang Anda datangkan dari luar (LQ %s)", who, sector(r.Args[0]), num(a), num(b)))
			}
		case ReasonMarket:
			a, b := r.Args[1].(float64), r.Args[2].(float64)
			if en {
				cl = append(cl, fmt.Sprintf("you are a base region for %s (LQ %s) and %s is a market for it (LQ %s)", sector(r.Args[0]), num(a), who, num(b)))
			} else {
				cl = append(cl, fmt.Sprintf("Anda daerah basis %s (LQ %s) dan %s pasarnya (LQ %s)", sector(r.Args[0]), num(a), who, num(b)))
			}
		case ReasonSharedBase:
			keys, _ := r.Args[0].([]string)
			ns := make([]string, len(keys))
			for k, key := range keys {
				ns[k] = sector(key)
			}
			if en {
				cl = append(cl, "both of you are base regions for "+strings.Join(ns, ", ")+" (a cluster to develop together)")
			} else {
				cl = append(cl, "keduanya daerah basis "+strings.Join(ns, ", ")+" (klaster yang dapat dikembangkan bersama)")
			}
		case ReasonBorder:
			if en {
				cl = append(cl, "it borders you")
			} else {
				cl = append(cl, "berbatasan langsung dengan Anda")
			}
		case ReasonDistance:
			km := strconv.FormatFloat(math.Round(r.Args[0].(float64)), 'f', 0, 64)
			if en {
				cl = append(cl, "its seat is "+km+" km from yours")
			} else {
				cl = append(cl, "ibu kotanya berjarak "+km+" km dari ibu kota Anda")
			}
		case ReasonActive:
			if en {
				cl = append(cl, "a cooperation with it is already active")
			} else {
				cl = append(cl, "kerja sama dengannya sudah berjalan")
			}
		case ReasonExpired:
			if en {
				cl = append(cl, "an expired cooperation with it could be renewed")
			} else {
				cl = append(cl, "kerja sama yang telah berakhir dapat diperpanjang")
			}
		case ReasonNoData:
			code, _ := r.Args[0].(string)
			if nm, ok := names[code]; ok && nm != "" {
				code = nm
			}
			if en {
				cl = append(cl, "there are no GRDP data for "+code)
			} else {
				cl = append(cl, "data PDRB "+code+" tidak tersedia")
			}
		}
	}
	if len(cl) == 0 {
		if en {
			return who + " is a candidate partner."
		}
		return who + " adalah calon mitra."
	}
	out := strings.Join(cl, "; ") + "."
	if !strings.HasPrefix(out, who) {
		out = who + ": " + out
	}
	return strings.ToUpper(out[:1]) + out[1:]
}
