package geo

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

const testPoly = `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`

// feat is a feature with properties before the geometry; the geometry starts
// at column 57 for a 2-character code.
func feat(code, geom string) string {
	return `{"type":"Feature","properties":{"code":"` + code + `"},"geometry":` + geom + `}`
}

// gfirst is a feature with the geometry first (column 13), as in the real
// files, so geometry errors are reported only once the code is known.
// Coordinates of a Polygon start at column 45, of a MultiPolygon at 50.
func gfirst(geom, code string) string {
	return `{"geometry":` + geom + `,"type":"Feature","properties":{"code":"` + code + `"}}`
}

// fc wraps features in a collection, one feature per line from line 2.
func fc(features ...string) string {
	return "{\"type\":\"FeatureCollection\",\"features\":[\n" + strings.Join(features, ",\n") + "\n]}\n"
}

func acceptAll(string) bool { return true }

func TestParseBoundariesErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "empty input, want a GeoJSON FeatureCollection"},
		{"blank lines", " \n\n", 3, 1, "empty input, want a GeoJSON FeatureCollection"},
		{"top level array", "[]", 1, 1, "top-level value must be an object, got an array"},
		{"top type", `{"type":"Feature","features":[]}`, 1, 9, `top-level "type" is "Feature", want "FeatureCollection"`},
		{"top type number", `{"type":1,"features":[]}`, 1, 9, `top-level "type" is a number, want "FeatureCollection"`},
		{"missing type", `{"features":[]}`, 1, 1, `missing "type": "FeatureCollection"`},
		{"missing features", `{"type":"FeatureCollection"}`, 1, 1, `missing "features" array`},
		{"features not array", `{"type":"FeatureCollection","features":{}}`, 1, 40, `"features" must be an array, got an object`},
		{"duplicate features", `{"type":"FeatureCollection","features":[],"features":[]}`, 1, 43, `duplicate "features" member`},
		{"trailing data", `{"type":"FeatureCollection","features":[]} x`, 1, 44, "unexpected data after the FeatureCollection"},
		{"truncated", "{\"type\":\"FeatureCollection\",\"features\":[\n" + feat("11", testPoly), 2, 118, "invalid JSON: unexpected end of input"},
		{"syntax", fc(feat("11", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0],]]}`)), 2, 115,
			`feature 0 (code "11"): invalid JSON: unexpected character ']' where a value should begin`},
		{"syntax in properties", fc(`{"type":"Feature","properties":{"code":"11",},"geometry":` + testPoly + `}`), 2, 45,
			`feature 0 (code "11"): invalid JSON: unexpected character '}' where a member name in double quotes should begin`},
		{"syntax in string", fc(`{"type":"Feature","properties":{"code":"1\x"},"geometry":` + testPoly + `}`), 2, 43,
			`feature 0: invalid JSON: unexpected character 'x' after a backslash (\), where an escape such as \n or \" should follow`},
		{"truncated in value", "{\"type\":\"FeatureCollection\",\"features\":[\n" + `{"type":"Feature","properties":{"code":"11"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,`, 2, 100,
			`feature 0 (code "11"): invalid JSON: unexpected end of input`},
		{"feature not object", fc(`"x"`), 2, 1, `feature 0: feature must be an object, got "x"`},
		{"feature type", fc(strings.Replace(feat("11", testPoly), `"Feature"`, `"feature"`, 1)), 2, 9, `feature 0: "type" is "feature", want "Feature"`},
		{"feature type missing", fc(`{"properties":{"code":"11"},"geometry":` + testPoly + `}`), 2, 1, `feature 0 (code "11"): missing "type": "Feature"`},
		{"properties array", fc(`{"type":"Feature","properties":[],"geometry":` + testPoly + `}`), 2, 32, `feature 0: "properties" must be an object, got an array`},
		{"properties null", fc(`{"type":"Feature","properties":null,"geometry":` + testPoly + `}`), 2, 1, "feature 0: missing properties.code"},
		{"code missing", fc(`{"type":"Feature","properties":{"name":"Aceh"},"geometry":` + testPoly + `}`), 2, 1, "feature 0: missing properties.code"},
		{"code number", fc(`{"type":"Feature","properties":{"code":11},"geometry":` + testPoly + `}`), 2, 40, "feature 0: properties.code must be a string, got a number"},
		{"code syntax", fc(feat("1101", testPoly)), 2, 40, `feature 0 (code "1101"): invalid region code "1101"`},
		{"code zero segment", fc(feat("11", testPoly), feat("11.00", testPoly)), 3, 40, `feature 1 (code "11.00"): invalid region code "11.00"`},
		{"duplicate code", fc(feat("11", testPoly), feat("12", testPoly), feat("11", testPoly)), 4, 40, `feature 2 (code "11"): duplicate code "11" (first in feature 0)`},
		{"geometry missing", fc(`{"type":"Feature","properties":{"code":"11"}}`), 2, 1, `feature 0 (code "11"): missing "geometry"`},
		{"geometry null", fc(feat("11", "null")), 2, 57, `feature 0 (code "11"): geometry is null`},
		{"geometry array", fc(feat("11", "[]")), 2, 57, `feature 0 (code "11"): geometry must be an object, got an array`},
		{"geometry type missing", fc(feat("11", `{"coordinates":[]}`)), 2, 57, `feature 0 (code "11"): geometry has no "type"`},
		{"geometry type number", fc(gfirst(`{"type":1,"coordinates":[]}`, "11")), 2, 21, `feature 0 (code "11"): geometry type must be a string, got a number`},
		{"geometry Point", fc(gfirst(`{"type":"Point","coordinates":[0,0]}`, "11")), 2, 21, `feature 0 (code "11"): geometry type is "Point", want Polygon or MultiPolygon`},
		{"coordinates missing", fc(feat("11", `{"type":"Polygon"}`)), 2, 57, `feature 0 (code "11"): geometry has no "coordinates"`},
		{"coordinates object", fc(gfirst(`{"type":"Polygon","coordinates":{}}`, "11")), 2, 45, `feature 0 (code "11"): Polygon coordinates must be an array, got an object`},
		{"polygon without rings", fc(gfirst(`{"type":"Polygon","coordinates":[]}`, "11")), 2, 45, `feature 0 (code "11"): polygon has no rings`},
		{"multipolygon empty", fc(gfirst(`{"type":"MultiPolygon","coordinates":[]}`, "11")), 2, 50, `feature 0 (code "11"): MultiPolygon has no polygons`},
		{"ring not array", fc(gfirst(`{"type":"Polygon","coordinates":[5]}`, "11")), 2, 46, `feature 0 (code "11"): ring 0 must be an array, got a number`},
		{"ring too short", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}`, "11")), 2, 46, `feature 0 (code "11"): ring 0 has 3 positions, want at least 4`},
		{"ring not closed", fc(gfirst(`{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6]]]]}`, "11.13")), 2, 108,
			`feature 0 (code "11.13"): ring 0 of polygon 2 is not closed`},
		{"position not array", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[1,0],7,[0,0]]]}`, "11")), 2, 59, `feature 0 (code "11"): position 2 of ring 0 must be an array, got a number`},
		{"position one number", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[1],[1,1],[0,0]]]}`, "11")), 2, 53, `feature 0 (code "11"): position 1 of ring 0 has 1 coordinates, want 2 (or 3 with altitude)`},
		{"position four numbers", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[1,0,0,0],[1,1],[0,0]]]}`, "11")), 2, 53, `feature 0 (code "11"): position 1 of ring 0 has 4 coordinates, want 2 (or 3 with altitude)`},
		{"coordinate string", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[1,"0"],[1,1],[0,0]]]}`, "11")), 2, 56, `feature 0 (code "11"): position 1 of ring 0: coordinate 1 must be a number, got a string`},
		{"longitude range", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[180.5,0],[1,1],[0,0]]]}`, "11")), 2, 54, `feature 0 (code "11"): position 1 of ring 0: longitude 180.5 out of range [-180, 180]`},
		{"latitude range", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[1,-90.01],[1,1],[0,0]]]}`, "11")), 2, 56, `feature 0 (code "11"): position 1 of ring 0: latitude -90.01 out of range [-90, 90]`},
		{"latitude overflow", fc(gfirst(`{"type":"Polygon","coordinates":[[[0,0],[1,1e999],[1,1],[0,0]]]}`, "11")), 2, 56, `feature 0 (code "11"): position 1 of ring 0: latitude 1e999 out of range [-90, 90]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, u, err := ParseBoundaries(strings.NewReader(tc.in), "x.geojson", acceptAll)
			checkParseError(t, err, "x.geojson", tc.line, tc.col, tc.msg)
			if b != nil || u != nil {
				t.Errorf("got results with an error: %d boundaries, %d unmatched", len(b), len(u))
			}
		})
	}
}

func checkParseError(t *testing.T, err error, file string, line, col int, msg string) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v (%T), want *ParseError", err, err)
	}
	if pe.File != file || pe.Line != line || pe.Column != col || pe.Msg != msg {
		t.Errorf("got  %s:%d:%d: %s\nwant %s:%d:%d: %s", pe.File, pe.Line, pe.Column, pe.Msg, file, line, col, msg)
	}
	checkKeyed(t, pe)
}

func TestParseErrorString(t *testing.T) {
	for _, tc := range []struct {
		e    ParseError
		want string
	}{
		{ParseError{File: "a.csv", Line: 3, Column: 7, Msg: "bad"}, "a.csv:3:7: bad"},
		{ParseError{File: "a.csv", Line: 3, Msg: "bad"}, "a.csv:3: bad"},
		{ParseError{File: "a.csv", Msg: "bad"}, "a.csv: bad"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestParseBoundariesNormalises(t *testing.T) {
	in := "\uFEFF" + `{"type": "FeatureCollection", "name": "x", "crs": {"a": [1, 2]},
  "features": [
    {"type": "Feature", "id": 7,
     "geometry": {"bbox": [0, 0, 1, 1], "coordinates": [
        [[[ 106.1234564, -6.5 , 12], [107, -6.5], [107, -6.0000004], [106.1234564, -6.5, 12]],
         [[106.5, -6.4], [106.6, -6.4], [106.6, -6.3], [106.5, -6.4]]],
        [[[-0.0000001, 0], [1, 0], [1, 1], [-0.0000001, 0]]]
      ], "type": "MultiPolygon"},
     "properties": {"name": "Banten", "code": "36", "area_km2": 9662.9}},
    {"type": "Feature", "properties": {"code": "36.01"}, "geometry": ` + testPoly + `}
  ]}
`
	b, u, err := ParseBoundaries(strings.NewReader(in), "n.geojson", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(u) != 0 || len(b) != 2 {
		t.Fatalf("got %d boundaries, %d unmatched", len(b), len(u))
	}
	wantGeom := `{"type":"MultiPolygon","coordinates":[[[[106.123456,-6.5],[107,-6.5],[107,-6],[106.123456,-6.5]],[[106.5,-6.4],[106.6,-6.4],[106.6,-6.3],[106.5,-6.4]]],[[[0,0],[1,0],[1,1],[0,0]]]]}`
	if b[0].Code != "36" || string(b[0].Geometry) != wantGeom {
		t.Errorf("boundary 0 = %s %s\nwant geometry %s", b[0].Code, b[0].Geometry, wantGeom)
	}
	if want := [4]float64{0, -6.5, 107, 1}; b[0].BBox != want {
		t.Errorf("bbox = %v, want %v", b[0].BBox, want)
	}
	if b[1].Code != "36.01" || string(b[1].Geometry) != testPoly || b[1].BBox != [4]float64{0, 0, 1, 1} {
		t.Errorf("boundary 1 = %+v", b[1])
	}
	if !json.Valid(b[0].Geometry) {
		t.Error("geometry is not valid JSON")
	}
}

func TestParseBoundariesUnmatched(t *testing.T) {
	in := fc(feat("11", testPoly), feat("12", testPoly), feat("13", testPoly)) + "\n"
	known := func(c string) bool { return c != "12" }
	b, u, err := ParseBoundaries(strings.NewReader(in), "u.geojson", known)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 2 || b[0].Code != "11" || b[1].Code != "13" {
		t.Errorf("boundaries = %v", b)
	}
	if want := []Unmatched{{"u.geojson", 3, "12"}}; len(u) != 1 || u[0] != want[0] {
		t.Errorf("unmatched = %v, want %v", u, want)
	}
	// A duplicate is an error even when the code is unknown.
	in = fc(feat("12", testPoly), feat("12", testPoly))
	_, _, err = ParseBoundaries(strings.NewReader(in), "u.geojson", known)
	checkParseError(t, err, "u.geojson", 3, 40, `feature 1 (code "12"): duplicate code "12" (first in feature 0)`)
}

func TestParseBoundariesEmptyCollection(t *testing.T) {
	b, u, err := ParseBoundaries(strings.NewReader(`{"features":[],"type":"FeatureCollection"}`), "e.geojson", nil)
	if err != nil || len(b) != 0 || len(u) != 0 {
		t.Errorf("got %v %v %v", b, u, err)
	}
}

func TestCodeLevel(t *testing.T) {
	for code, want := range map[string]int{
		"11": 1, "11.01": 2, "11.01.01": 3, "11.01.01.2001": 4, "96.04.10.1001": 4,
		"": 0, "1": 0, "111": 0, "11.": 0, "11.1": 0, "11.01.1": 0, "11.01.01.201": 0,
		"11.01.01.20011": 0, "11.01.01.2001.01": 0, "00": 0, "11.00": 0, "11.01.01.0000": 0,
		"1a": 0, "11-01": 0, " 11": 0, "11 ": 0, "١١": 0,
	} {
		if got := CodeLevel(code); got != want {
			t.Errorf("CodeLevel(%q) = %d, want %d", code, got, want)
		}
		if ValidCode(code) != (want > 0) {
			t.Errorf("ValidCode(%q) = %v", code, !(want > 0))
		}
	}
}
