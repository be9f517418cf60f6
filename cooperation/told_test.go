package cooperation

import (
	"slices"
	"testing"
)

func TestTold(t *testing.T) {
	three := base(KindSukarela, kota(true), kab(), Party{Kind: PartyRegion, Region: "32.17", Name: "Kab. Bandung Barat"})
	signed := Event{Type: SignKB, From: PenyusunanKB, To: PenyusunanKB, ActorID: 7}
	tests := []struct {
		name string
		c    Cooperation
		ev   Event
		home string
		want []string
	}{
		{"a party signs: the others", three, signed, "32.73", []string{"32.04", "32.17"}},
		{"the partner signs: the initiator and the third", three, signed, "32.04", []string{"32.73", "32.17"}},
		{"the Gubernur acts: every region party", three, signed, "32", []string{"32.73", "32.04", "32.17"}},
		{"a national administrator acts: every region party", three, signed, "", []string{"32.73", "32.04", "32.17"}},
		{"a third party acts: the region", ksdpk(), Event{Type: Terminate, From: Pelaksanaan, To: Berakhir, ActorID: 9}, "",
			[]string{"32.73"}},
		{"the region acts with a third party: nobody else has a TKKSD", ksdpk(),
			Event{Type: Terminate, From: Pelaksanaan, To: Berakhir, ActorID: 9}, "32.73", nil},
		{"still in preparation", three, Event{Type: TKKSDReview, From: Persiapan, To: SiapDitawarkan, ActorID: 7}, "32.73", nil},
		{"ready, not offered", three, Event{Type: TKKSDReview, From: SiapDitawarkan, To: SiapDitawarkan, ActorID: 7}, "32.73", nil},
		{"the offer: the offer job tells", three, Event{Type: SendOffer, From: SiapDitawarkan, To: Penawaran, ActorID: 7}, "32.73", nil},
		{"the system: the jobs tell", three, Event{Type: Expire, From: Pelaksanaan, To: Berakhir, ActorID: -1}, "", nil},
		{"no actor at all", three, Event{Type: Expire, From: Pelaksanaan, To: Berakhir}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Told(tt.ev, tt.home); !slices.Equal(got, tt.want) {
				t.Errorf("Told = %v, want %v", got, tt.want)
			}
		})
	}
}
