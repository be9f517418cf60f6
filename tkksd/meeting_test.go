package tkksd

import "testing"

func TestZoneOf(t *testing.T) {
	for region, want := range map[string]Zone{
		"": WIB, "32.73": WIB, "61.71": WIB, "11": WIB,
		"51.71": WITA, "64.72": WITA, "73.71": WITA, "53": WITA,
		"81.71": WIT, "91.71": WIT, "96.01": WIT,
	} {
		if got := ZoneOf(region); got != want {
			t.Errorf("ZoneOf(%q) = %s, want %s", region, got, want)
		}
	}
}
