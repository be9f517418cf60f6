package i18n

import (
	"regexp"
	"sort"
	"testing"
)

var index = regexp.MustCompile(`^%\[[0-9]+\]`)

var verb = regexp.MustCompile(`%(\[[0-9]+\])?[-+# 0-9.]*[a-zA-Z%]`)

// Both catalogs must have the same keys with the same formatting verbs, so
// that switching language never drops a message or misformats an argument.
func TestCatalogsInStep(t *testing.T) {
	c := MustLoad()
	for _, k := range c.Keys(ID) {
		en, ok := c.msgs[EN][k]
		if !ok {
			t.Errorf("key %q missing in en", k)
			continue
		}
		a, b := verb.FindAllString(c.msgs[ID][k], -1), verb.FindAllString(en, -1)
		if len(a) != len(b) {
			t.Errorf("key %q: id has verbs %v, en has %v", k, a, b)
			continue
		}
		// Translations may reorder arguments with %[n]v, so compare the
		// verbs without their indexes, as sorted lists.
		strip := func(vs []string) []string {
			out := make([]string, len(vs))
			for i, v := range vs {
				out[i] = index.ReplaceAllString(v, "%")
			}
			sort.Strings(out)
			return out
		}
		sa, sb := strip(a), strip(b)
		for i := range sa {
			if sa[i] != sb[i] {
				t.Errorf("key %q: verbs differ: %v vs %v", k, a, b)
				break
			}
		}
	}
	for _, k := range c.Keys(EN) {
		if _, ok := c.msgs[ID][k]; !ok {
			t.Errorf("key %q missing in id", k)
		}
	}
}

func TestT(t *testing.T) {
	c := MustLoad()
	if got := c.T(EN, "error.not_found"); got == "error.not_found" || got == c.T(ID, "error.not_found") {
		t.Fatalf("en not_found message not translated: %q", got)
	}
	if got := c.T(EN, "no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key should show itself, got %q", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"id": ID, "EN": EN, "en-US": EN, "id_ID": ID} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := Parse("fr"); ok {
		t.Error("fr must not parse")
	}
	if got := FromAcceptLanguage("fr-FR,en;q=0.8,id;q=0.5"); got != EN {
		t.Errorf("FromAcceptLanguage = %q", got)
	}
	if got := FromAcceptLanguage("de"); got != Default {
		t.Errorf("FromAcceptLanguage(de) = %q", got)
	}
}
