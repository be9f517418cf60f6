package cooperation

import "slices"

// Told lists the regions whose TKKSD is to be told of ev, an event just
// recorded on c by someone whose own region is home ("" for national roles
// and third parties): every region party of c but home, so that a partner
// hears of a signature, a DPRD decision, an amendment, a dispute, an ending
// or a report when it happens, not when it next opens the timeline, and a
// regency hears what the Gubernur or the ministry recorded on its behalf.
//
// Nobody is told
//   - while c is prepared: the partners have not been offered it yet;
//   - of the offer itself: the offer job tells each partner, with the day
//     its answer is due;
//   - of what the system records (no user: a lapsed offer, an expired
//     term), which the jobs tell in their own words.
func (c Cooperation) Told(ev Event, home string) []string {
	if ev.ActorID <= 0 || ev.Type == "" || ev.Type == SendOffer || ev.From == Persiapan || ev.From == SiapDitawarkan {
		return nil
	}
	var out []string
	for _, p := range c.Parties {
		if p.Kind == PartyRegion && p.Region != "" && p.Region != home && !slices.Contains(out, p.Region) {
			out = append(out, p.Region)
		}
	}
	return out
}
