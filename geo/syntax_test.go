package geo

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// Each of Go's JSON syntax descriptions that the message catalogue
// translates, produced by encoding/json itself: if Go rewords one, the
// test names it.
func TestJSONSyntaxText(t *testing.T) {
	tests := []struct {
		in, key, char string
		context       string
	}{
		{`[1,]`, "geo.parse.json_at.value", "']'", "where a value should begin"},
		{`{"a":1,}`, "geo.parse.json_at.key", "'}'", "where a member name in double quotes should begin"},
		{`{"a" 1}`, "geo.parse.json_at.after_key", "'1'", "after a member name, where a colon (:) should follow"},
		{`{"a":1 "b":2}`, "geo.parse.json_at.after_member", "'\"'", "after a member, where a comma (,) or } should follow"},
		{`[1 2]`, "geo.parse.json_at.after_element", "'2'", "after an array element, where a comma (,) or ] should follow"},
		{"[\"a\tb\"]", "geo.parse.json_at.string", `'\t'`, "inside a string"},
		{`["a\xb"]`, "geo.parse.json_at.escape", "'x'", "after a backslash"},
		{`["\u12x4"]`, "geo.parse.json_at.hex", "'x'", `in a \u escape`},
		{`[-x]`, "geo.parse.json_at.number", "'x'", "inside a number"},
		{`[1.x]`, "geo.parse.json_at.number", "'x'", "inside a number"},
		{`[1ex]`, "geo.parse.json_at.number", "'x'", "inside a number"},
		{`[tru]`, "geo.parse.json_at.literal", "']'", "inside true, false or null"},
		{`[1] x`, "geo.parse.json_at.end", "'x'", "after the end of the document"},
		{`[1,'a']`, "geo.parse.json_at.value", `'\''`, "where a value should begin"},
	}
	for _, tc := range tests {
		var v any
		var se *json.SyntaxError
		if !errors.As(json.Unmarshal([]byte(tc.in), &v), &se) {
			t.Errorf("%s: no syntax error", tc.in)
			continue
		}
		got := jsonSyntaxText(se.Error())
		if got.Key != "geo.parse.json_char" || len(got.Args) != 2 {
			t.Errorf("%s: %q gives %s %v, want geo.parse.json_char", tc.in, se.Error(), got.Key, got.Args)
			continue
		}
		ctx, _ := got.Args[1].(Text)
		if got.Args[0] != tc.char || ctx.Key != tc.key || !strings.Contains(got.Msg, tc.context) {
			t.Errorf("%s: %q gives %v %q %q, want %s %s", tc.in, se.Error(), got.Args[0], ctx.Key, got.Msg, tc.char, tc.key)
		}
	}
	// A description not listed keeps Go's words.
	if got := jsonSyntaxText("invalid character 'x' somewhere new"); got.Key != "geo.parse.json_syntax" ||
		got.Msg != "invalid JSON: invalid character 'x' somewhere new" {
		t.Errorf("unknown context: %+v", got)
	}
	if got := jsonSyntaxText("unexpected end of JSON input"); got.Key != "geo.parse.json_syntax" {
		t.Errorf("other message: %+v", got)
	}
}

func TestCSVSyntaxText(t *testing.T) {
	for _, tc := range []struct{ in, key string }{
		{"a,b\n1,x\"y\n", "geo.parse.csv_bare_quote"},
		{"a,b\n1,\"x\"y\n", "geo.parse.csv_quote"},
		{"a,b\n1,\"x\n", "geo.parse.csv_quote"},
	} {
		_, err := csv.NewReader(strings.NewReader(tc.in)).ReadAll()
		if err == nil {
			t.Errorf("%q: no error", tc.in)
			continue
		}
		if got := csvSyntaxText(err); got.Key != tc.key {
			t.Errorf("%q (%v): %s, want %s", tc.in, err, got.Key, tc.key)
		}
	}
	if got := csvSyntaxText(errors.New("odd")); got.Key != "geo.parse.csv_syntax" || got.Msg != "invalid CSV: odd" {
		t.Errorf("other error: %+v", got)
	}
}
