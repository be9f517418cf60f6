package cooperation

// Told lists the parties to be told of ev, an event just recorded on c by
// someone whose own region is home ("" for national roles and third
// parties) or whose organisation is org (a third party's; 0 for everyone
// else): every region party but home, and every third party but org. So
// a partner hears of a signature, a DPRD decision, an amendment, a dispute,
// an ending or a report when it happens, not when it next opens the
// timeline, and a regency hears what the Gubernur or the ministry recorded
// on its behalf. Other parties (a ministry, a foreign partner) have no
// accounts to tell. When a kab/kota submits a foreign plan or draft Naskah,
// its province is told too: the Gubernur forwards it.
//
// Nobody is told
//   - while c is prepared: the partners have not been offered it yet;
//   - of the offer itself: the offer job tells each partner, with the day
//     its answer is due;
//   - of what the system records (no user: a lapsed offer, an expired
//     term), which the jobs tell in their own words.
func (c Cooperation) Told(ev Event, home string, org int64) []Party {
	if ev.ActorID <= 0 || ev.Type == "" || ev.Type == SendOffer || ev.From == Persiapan || ev.From == SiapDitawarkan {
		return nil
	}
	var out []Party
	seen := map[string]bool{}
	// A step that leaves a kab/kota's foreign plan or draft Naskah waiting
	// for the Gubernur's forwarding (its deadline runs: PMDN25 Pasal
	// 18(4), 20(3)) is told to his province, as the one who acts next.
	if dl, ok := c.latestDeadline(PGovernorForward); ok && ev.From != ev.To && c.Running(dl) {
		if prov := provinceOf(c.Parties[c.home()].Region); prov != home {
			seen[prov] = true
			out = append(out, Party{Kind: PartyRegion, Region: prov})
		}
	}
	for _, p := range c.Parties {
		switch {
		case seen[p.Key()]:
		case p.Kind == PartyRegion && p.Region != "" && p.Region != home,
			p.Kind == PartyThirdParty && p.OrgID != 0 && p.OrgID != org:
			seen[p.Key()] = true
			out = append(out, p)
		}
	}
	return out
}
