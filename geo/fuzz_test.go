package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// checkFuzzError requires err to be nil or a located *ParseError.
func checkFuzzError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is %T, want *ParseError", err, err)
	}
	if pe.Line < 1 || pe.Column < 1 || pe.Msg == "" {
		t.Fatalf("error without a position: %#v", pe)
	}
	checkKeyed(t, pe)
}

func FuzzParseBoundaries(f *testing.F) {
	for _, s := range []string{
		fc(feat("11", testPoly)),
		fc(feat("11", testPoly), gfirst(`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]]]}`, "11.01")),
		fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0,5],[1e-7,0],[1,1],[0,0,5]]]}`, "11.01.01.2001")),
		`{"type":"FeatureCollection","features":[]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":null,"geometry":null}]}`,
		fc(feat("11", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0],]]}`)),
		"\uFEFF" + fc(feat("11", testPoly)) + " x",
		`[`, `{"type":"FeatureCollection","features":[{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		known := func(c string) bool { return c != "12" }
		b, u, err := ParseBoundaries(bytes.NewReader(data), "f.geojson", known)
		checkFuzzError(t, err)
		if err != nil {
			return
		}
		// The output geometry is valid, and parsing it again is a no-op.
		feats := make([]string, len(b))
		for i, x := range b {
			if !json.Valid(x.Geometry) {
				t.Fatalf("invalid geometry JSON %s", x.Geometry)
			}
			if !(x.BBox[0] <= x.BBox[2] && x.BBox[1] <= x.BBox[3]) {
				t.Fatalf("bad bbox %v", x.BBox)
			}
			feats[i] = feat(x.Code, string(x.Geometry))
		}
		for _, x := range u {
			if x.Code != "12" || x.Line < 1 {
				t.Fatalf("bad unmatched %+v", x)
			}
		}
		b2, _, err := ParseBoundaries(strings.NewReader(fc(feats...)), "g.geojson", nil)
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		for i := range b {
			if b2[i].Code != b[i].Code || !bytes.Equal(b2[i].Geometry, b[i].Geometry) || b2[i].BBox != b[i].BBox {
				t.Fatalf("re-parse changed %s:\n%s\n%s", b[i].Code, b[i].Geometry, b2[i].Geometry)
			}
		}
	})
}

func FuzzParsePoints(f *testing.F) {
	for _, s := range []string{
		"code,name,lon,lat,kind\n11.01,Aceh Selatan,97.174112,3.254802,capital-seat\n",
		"code,lon,lat\n11,1,2\n12,-180,-90\n",
		"\uFEFFCODE,LAT,LON\r\n11,1e1,2.5E-1\r\n",
		"code,name,lon,lat\n11,\"a\nb\",1,2\n11,x,1,2\n",
		"code,lon\n", "", "code,lon,lat\n11,NaN,1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, u, err := ParsePoints(bytes.NewReader(data), "f.csv", func(c string) bool { return c != "12" })
		checkFuzzError(t, err)
		if err != nil {
			return
		}
		for _, x := range p {
			if !ValidCode(x.Code) || !(x.Lon >= -180 && x.Lon <= 180 && x.Lat >= -90 && x.Lat <= 90) {
				t.Fatalf("bad point %+v", x)
			}
		}
		for _, x := range u {
			if x.Code != "12" || x.Line < 1 {
				t.Fatalf("bad unmatched %+v", x)
			}
		}
	})
}

func FuzzParseAdjacency(f *testing.F) {
	for _, s := range []string{
		"code_a,code_b,shared_border_km\n11.01,11.02,146.11\n11.10,11.01,\n",
		"code_b,code_a\n11,12\n12,11\n",
		"code_a,code_b,shared_border_km\n11.01,11.01.01,1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := ParseAdjacency(bytes.NewReader(data), "f.csv", nil)
		checkFuzzError(t, err)
		for _, x := range a {
			if !(x.A < x.B) || CodeLevel(x.A) != CodeLevel(x.B) || CodeLevel(x.A) == 0 || !(x.SharedBorderKm >= 0) {
				t.Fatalf("bad pair %+v", x)
			}
		}
	})
}
