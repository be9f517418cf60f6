package geo

import (
	"fmt"
	"strings"
	"testing"
)

// checkKeyed requires pe to name its detail by a catalogue key, with every
// translatable argument (and the context, if any) keyed too, so that a
// user interface never has to fall back to the English Msg. The English
// forms of the Text arguments must be what Msg was built from.
func checkKeyed(t *testing.T, pe *ParseError) {
	t.Helper()
	if !strings.HasPrefix(pe.Key, "geo.parse.") {
		t.Errorf("%s: key %q, want a geo.parse.* key", pe.Msg, pe.Key)
	}
	if pe.Context.Msg != "" && !strings.HasPrefix(pe.Context.Key, "geo.parse.") {
		t.Errorf("%s: context %q has key %q", pe.Msg, pe.Context.Msg, pe.Context.Key)
	}
	if !strings.HasPrefix(pe.Msg, pe.Context.Msg) {
		t.Errorf("%s: does not start with its context %q", pe.Msg, pe.Context.Msg)
	}
	checkTextArgs(t, pe.Msg, pe.Args)
}

func checkTextArgs(t *testing.T, msg string, args []any) {
	t.Helper()
	for _, a := range args {
		switch v := a.(type) {
		case Text:
			if !strings.HasPrefix(v.Key, "geo.parse.") || v.Msg == "" {
				t.Errorf("%s: argument %#v is not a keyed text", msg, v)
			}
			checkTextArgs(t, msg, v.Args)
		case []byte:
			t.Errorf("%s: argument %q is a byte slice; a catalogue would print its bytes", msg, v)
		}
	}
}

func TestTextFormatsAsEnglish(t *testing.T) {
	in := text("geo.parse.name.position", "position %d of %s", 2, text("geo.parse.name.ring", "ring %d", 0))
	if got := fmt.Sprintf("%s", in); got != "position 2 of ring 0" {
		t.Errorf("got %q", got)
	}
	if in.Args[1].(Text).Key != "geo.parse.name.ring" {
		t.Errorf("nested argument lost its key: %#v", in)
	}
}

// One bad input per kind of error the package reports, each keyed, with
// Msg exactly as before the keys were added.
func TestParseErrorKeys(t *testing.T) {
	for _, tc := range []struct {
		name, in, key, msg string
		args               int
	}{
		{"empty csv", "", "geo.parse.empty_csv", "empty file, want a header line", 0},
		{"unknown header", "a,b\n1,2\n", "geo.parse.unknown_kind", "", 0},
		{"mixed header", "code,lon,lat,code_a,code_b\n", "geo.parse.mixed_kinds", "", 0},
		{"bad number", "place,seat,minutes\n11.01.01,11.01,soon\n", "geo.parse.number", `minutes: invalid number "soon"`, 2},
		{"negative", "place,seat,minutes\n11.01.01,11.01,-4\n", "geo.parse.negative", "minutes -4 is negative", 2},
		{"field count", "place,seat,minutes\n11.01.01,11.01\n", "geo.parse.field_count", "row has 2 fields, header has 3", 2},
		{"seat level", "place,seat,minutes\n11.01.01,11.01.02,5\n", "geo.parse.seat_level", `seat "11.01.02" is not a regency/city code`, 1},
		{"json", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"11"},"geometry":null}]}`,
			"geo.parse.geometry_null", `feature 0 (code "11"): geometry is null`, 0},
		{"ring", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"11"},` +
			`"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}]}`,
			"geo.parse.ring_short", `feature 0 (code "11"): ring 0 has 3 positions, want at least 4`, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "f.csv"
			if strings.HasPrefix(tc.in, "{") {
				name = "f.geojson"
			}
			_, _, err := ReadFile([]byte(tc.in), name, nil)
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("err = %v (%T), want *ParseError", err, err)
			}
			if pe.Key != tc.key || len(pe.Args) != tc.args {
				t.Errorf("key %q with %d args, want %q with %d", pe.Key, len(pe.Args), tc.key, tc.args)
			}
			if tc.msg != "" && pe.Msg != tc.msg {
				t.Errorf("msg %q, want %q", pe.Msg, tc.msg)
			}
			checkKeyed(t, pe)
		})
	}
}
