package cooperation

import (
	"slices"
	"testing"
)

func TestTold(t *testing.T) {
	three := base(KindSukarela, kota(true), kab(), Party{Kind: PartyRegion, Region: "32.17", Name: "Kab. Bandung Barat"})
	signed := Event{Type: SignKB, From: PenyusunanKB, To: PenyusunanKB, ActorID: 7}
	ended := Event{Type: Terminate, From: Pelaksanaan, To: Berakhir, ActorID: 9}
	tests := []struct {
		name string
		c    Cooperation
		ev   Event
		home string
		org  int64
		want []string // party keys
	}{
		{"a party signs: the others", three, signed, "32.73", 0, []string{"32.04", "32.17"}},
		{"the partner signs: the initiator and the third", three, signed, "32.04", 0, []string{"32.73", "32.17"}},
		{"the Gubernur acts: every region party", three, signed, "32", 0, []string{"32.73", "32.04", "32.17"}},
		{"a national administrator acts: every region party", three, signed, "", 0, []string{"32.73", "32.04", "32.17"}},
		{"a third party acts: the region", ksdpk(), ended, "", 10, []string{"32.73"}},
		{"the region acts: the third party", ksdpk(), ended, "32.73", 0, []string{"org:10"}},
		{"a national administrator acts: both", ksdpk(), ended, "", 0, []string{"32.73", "org:10"}},
		{"a party listed twice is told once", base(KindSukarela, kota(true), kab(), kab()), signed, "32.73", 0, []string{"32.04"}},
		{"still in preparation", three, Event{Type: TKKSDReview, From: Persiapan, To: SiapDitawarkan, ActorID: 7}, "32.73", 0, nil},
		{"ready, not offered", three, Event{Type: TKKSDReview, From: SiapDitawarkan, To: SiapDitawarkan, ActorID: 7}, "32.73", 0, nil},
		{"the offer: the offer job tells", three, Event{Type: SendOffer, From: SiapDitawarkan, To: Penawaran, ActorID: 7}, "32.73", 0, nil},
		{"the system: the jobs tell", three, Event{Type: Expire, From: Pelaksanaan, To: Berakhir, ActorID: -1}, "", 0, nil},
		{"no actor at all", three, Event{Type: Expire, From: Pelaksanaan, To: Berakhir}, "", 0, nil},
		{"a regency submits its foreign plan: the Gubernur's province", atGubernur(DiajukanKeMenteri, false),
			Event{Type: SubmitToMinister, From: RencanaKerjaSama, To: DiajukanKeMenteri, ActorID: 1}, "32.73", 0, []string{"32"}},
		{"and its draft Naskah", atGubernur(PembahasanAntarkementrian, false),
			Event{Type: SubmitDraft, From: RancanganNaskah, To: PembahasanAntarkementrian, ActorID: 1}, "32.73", 0, []string{"32"}},
		{"the Gubernur forwards: the regency", atGubernur(DiajukanKeMenteri, true),
			Event{Type: ForwardByGovernor, From: DiajukanKeMenteri, To: DiajukanKeMenteri, ActorID: 2}, "32", 0, []string{"32.73"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range tt.c.Told(tt.ev, tt.home, tt.org) {
				got = append(got, p.Key())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Told = %v, want %v", got, tt.want)
			}
		})
	}
}

// atGubernur is a kab/kota's KSDPL at stage, submitted to the Gubernur
// (his forwarding deadline started), forwarded or not.
func atGubernur(stage Stage, forwarded bool) Cooperation {
	c := base(KindKSDPL, kota(true), foreignGov())
	c.Stage, c.GovernorForwarded = stage, forwarded
	c.Deadlines = []Deadline{{Name: PGovernorForward, Start: D(2024, 3, 1), Due: D(2024, 3, 8)}}
	return c
}
