package geo

import (
	"strings"
	"testing"
)

func TestParsePointsErrors(t *testing.T) {
	const hdr = "code,name,lon,lat,kind\n"
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "empty file, want a header line"},
		{"no lat column", "code,lon\n11,1\n", 1, 1, `header has no "lat" column`},
		{"no code column", "kode,lon,lat\n", 1, 1, `header has no "code" column`},
		{"duplicate column", "code,lon,lat,LON\n", 1, 14, `duplicate column "lon" in header`},
		{"too few fields", "code,lon,lat\n11,1\n", 2, 1, "row has 2 fields, header has 3"},
		{"too many fields", "code,lon,lat\n11,1,2\n12,1,2,3\n", 3, 1, "row has 4 fields, header has 3"},
		{"bad code", hdr + "11,Aceh,96,4,x\n1x,Sumut,99,2,x\n", 3, 1, `code: invalid region code "1x"`},
		{"code with space", hdr + " 11,Aceh,96,4,x\n", 2, 1, `code: invalid region code " 11"`},
		{"bad lon", hdr + "11,Aceh,abc,4,x\n", 2, 9, `lon: invalid number "abc"`},
		{"empty lon", hdr + "11,Aceh,,4,x\n", 2, 9, `lon: invalid number ""`},
		{"NaN lat", hdr + "11,Aceh,96,NaN,x\n", 2, 12, `lat: invalid number "NaN"`},
		{"Inf lat", hdr + "11,Aceh,96,+Inf,x\n", 2, 12, `lat: invalid number "+Inf"`},
		{"hex lon", hdr + "11,Aceh,0x1p2,4,x\n", 2, 9, `lon: invalid number "0x1p2"`},
		{"lon too big", hdr + "11,Aceh,180.000001,4,x\n", 2, 9, "lon 180.000001 out of range [-180, 180]"},
		{"lat too small", hdr + "11,Aceh,96,-91,x\n", 2, 12, "lat -91 out of range [-90, 90]"},
		{"lat overflow", hdr + "11,Aceh,96,1e999,x\n", 2, 12, "lat 1e999 is out of range"},
		{"quoted name", hdr + "11,\"Aceh, \"\"Serambi\"\"\",96,4x,x\n", 2, 27, `lat: invalid number "4x"`},
		{"multi-line field", hdr + "11,\"Aceh\nDarussalam\",96,4,x\n12,Sumut,99,x,x\n", 4, 13, `lat: invalid number "x"`},
		{"duplicate code", hdr + "11,Aceh,96,4,x\n12,Sumut,99,2,x\n11,Aceh,96,4,x\n", 4, 1, `duplicate code "11" (first on line 2)`},
		{"bad quote", hdr + "11,\"Aceh\"x,96,4,x\n", 2, 9, `invalid CSV: a field that starts with a double quote (") is not closed by one, or has a single quote inside it where "" is needed`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, u, err := ParsePoints(strings.NewReader(tc.in), "p.csv", acceptAll)
			checkParseError(t, err, "p.csv", tc.line, tc.col, tc.msg)
			if p != nil || u != nil {
				t.Errorf("got results with an error: %d points, %d unmatched", len(p), len(u))
			}
		})
	}
}

func TestParsePoints(t *testing.T) {
	in := "\uFEFF Code ,LON,Lat,extra,kind\r\n" +
		"11.01,97.174112,3.254802,x,capital-seat\r\n" +
		"\r\n" +
		"11.02,97.8,3.4,y,capital-seat\r\n" +
		"11.01.01.2001,-97.5,-3.25e0,z,centroid\r\n"
	known := func(c string) bool { return c != "11.02" }
	p, u, err := ParsePoints(strings.NewReader(in), "p.csv", known)
	if err != nil {
		t.Fatal(err)
	}
	want := []Point{
		{Code: "11.01", Lon: 97.174112, Lat: 3.254802, Kind: "capital-seat"},
		{Code: "11.01.01.2001", Lon: -97.5, Lat: -3.25, Kind: "centroid"},
	}
	if len(p) != len(want) || p[0] != want[0] || p[1] != want[1] {
		t.Errorf("points = %+v\nwant %+v", p, want)
	}
	if len(u) != 1 || u[0] != (Unmatched{File: "p.csv", Line: 4, Code: "11.02"}) {
		t.Errorf("unmatched = %+v", u)
	}

	// kind is optional; a header alone gives an empty, non-nil result.
	p, u, err = ParsePoints(strings.NewReader("lat,lon,code\n1,2,11\n"), "p.csv", nil)
	if err != nil || len(p) != 1 || p[0] != (Point{Code: "11", Lon: 2, Lat: 1}) || u != nil {
		t.Errorf("got %+v %+v %v", p, u, err)
	}
	p, _, err = ParsePoints(strings.NewReader("code,lon,lat\n"), "p.csv", nil)
	if err != nil || p == nil || len(p) != 0 {
		t.Errorf("header only: got %#v %v", p, err)
	}
}

func TestParseAdjacencyErrors(t *testing.T) {
	const hdr = "code_a,code_b,shared_border_km\n"
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "empty file, want a header line"},
		{"no code_b", "code_a,code_c\n", 1, 1, `header has no "code_b" column`},
		{"field count", hdr + "11.01,11.02\n", 2, 1, "row has 2 fields, header has 3"},
		{"bad code_a", hdr + "11.1,11.02,1\n", 2, 1, `code_a: invalid region code "11.1"`},
		{"bad code_b", hdr + "11.01,,1\n", 2, 7, `code_b: invalid region code ""`},
		{"levels differ", hdr + "11.01,11.01.01,1\n", 2, 7, `codes "11.01" and "11.01.01" are of different levels (2 and 3)`},
		{"self pair", hdr + "11.01,11.02,1\n11.03,11.03,2\n", 3, 7, `region "11.03" paired with itself`},
		{"bad km", hdr + "11.01,11.02,\"1,5\"\n", 2, 13, `shared_border_km: invalid number "1,5"`},
		{"negative km", hdr + "11.01,11.02,-0.5\n", 2, 13, "shared_border_km -0.5 is negative"},
		{"infinite km", hdr + "11.01,11.02,1e400\n", 2, 13, "shared_border_km 1e400 is out of range"},
		{"duplicate", hdr + "11.01,11.02,1\n11.01,11.03,1\n11.02,11.01,1\n", 4, 1, "duplicate pair 11.01-11.02 (first on line 2)"},
		// encoding/csv reports an unterminated quote where the input ends.
		{"unterminated quote", hdr + "11.01,11.02,\"1\n", 2, 16, `invalid CSV: a field that starts with a double quote (") is not closed by one, or has a single quote inside it where "" is needed`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, u, err := ParseAdjacency(strings.NewReader(tc.in), "a.csv", acceptAll)
			checkParseError(t, err, "a.csv", tc.line, tc.col, tc.msg)
			if a != nil || u != nil {
				t.Errorf("got results with an error: %d pairs, %d unmatched", len(a), len(u))
			}
		})
	}
}

func TestParseAdjacency(t *testing.T) {
	in := "code_a,code_b,shared_border_km,evidence\n" +
		"11.02,11.01,146.11,regency\n" + // reversed: normalised
		"11.01,11.10,,regency\n" + // empty km: 0
		"11.01,99.01,3,regency\n" + // one unknown
		"98.01,99.02,3,regency\n" + // both unknown
		"11.01.01,11.01.02,0.4,district\n"
	known := func(c string) bool { return c[0] != '9' }
	a, u, err := ParseAdjacency(strings.NewReader(in), "a.csv", known)
	if err != nil {
		t.Fatal(err)
	}
	want := []Adjacency{{"11.01", "11.02", 146.11}, {"11.01", "11.10", 0}, {"11.01.01", "11.01.02", 0.4}}
	if len(a) != len(want) {
		t.Fatalf("pairs = %+v, want %+v", a, want)
	}
	for i := range want {
		if a[i] != want[i] {
			t.Errorf("pair %d = %+v, want %+v", i, a[i], want[i])
		}
	}
	wantU := []Unmatched{{"a.csv", 4, "99.01"}, {"a.csv", 5, "98.01"}, {"a.csv", 5, "99.02"}}
	if len(u) != len(wantU) {
		t.Fatalf("unmatched = %+v, want %+v", u, wantU)
	}
	for i := range wantU {
		if u[i] != wantU[i] {
			t.Errorf("unmatched %d = %+v, want %+v", i, u[i], wantU[i])
		}
	}

	// shared_border_km is optional.
	a, _, err = ParseAdjacency(strings.NewReader("code_b,code_a\n11,12\n"), "a.csv", nil)
	if err != nil || len(a) != 1 || a[0] != (Adjacency{A: "11", B: "12"}) {
		t.Errorf("got %+v %v", a, err)
	}
}

func TestParseTravelTimes(t *testing.T) {
	const hdr = "place,seat,minutes\n"
	for _, tc := range []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"no minutes", "place,seat\n", 1, 1, `header has no "minutes" column`},
		{"place is a regency", hdr + "11.01,11.02,5\n", 2, 1, `place "11.01" is not a district or village code`},
		{"seat is a district", hdr + "11.01.01,11.02.01,5\n", 2, 10, `seat "11.02.01" is not a regency/city code`},
		{"bad seat", hdr + "11.01.01,11,5\n", 2, 10, `seat "11" is not a regency/city code`},
		{"negative", hdr + "11.01.01,11.02,-1\n", 2, 16, "minutes -1 is negative"},
		{"not a number", hdr + "11.01.01,11.02,1 jam\n", 2, 16, `minutes: invalid number "1 jam"`},
		{"duplicate", hdr + "11.01.01,11.02,5\n11.01.01,11.03,5\n11.01.01,11.02,7\n", 4, 1,
			"duplicate pair 11.01.01 to 11.02 (first on line 2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tt, u, err := ParseTravelTimes(strings.NewReader(tc.in), "tt.csv", acceptAll)
			checkParseError(t, err, "tt.csv", tc.line, tc.col, tc.msg)
			if tt != nil || u != nil {
				t.Errorf("got results with an error: %d, %d unmatched", len(tt), len(u))
			}
		})
	}
	in := hdr + "11.01.01,11.02,35.5\n11.01.01.2001,11.01,0\n99.01.01,11.02,4\n"
	tt, u, err := ParseTravelTimes(strings.NewReader(in), "tt.csv", func(c string) bool { return c[0] != '9' })
	if err != nil {
		t.Fatal(err)
	}
	want := []TravelTime{{"11.01.01", "11.02", 35.5}, {"11.01.01.2001", "11.01", 0}}
	if len(tt) != 2 || tt[0] != want[0] || tt[1] != want[1] || len(u) != 1 || u[0] != (Unmatched{"tt.csv", 4, "99.01.01"}) {
		t.Errorf("travel times %+v, unmatched %+v", tt, u)
	}
}
