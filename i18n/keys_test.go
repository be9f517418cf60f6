package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every message key that the code puts into an application error must be
// in the catalogs, so that no user ever reads a raw key. The test reads
// the module's Go sources for the ways errors are built.
func TestErrorKeysInCatalog(t *testing.T) {
	c := MustLoad()
	patterns := []*regexp.Regexp{
		regexp.MustCompile(`jalin\.Invalid\([^,()]+,\s*"([a-z][a-z0-9_.]+)"`),
		regexp.MustCompile(`jalin\.Errorf\([^,()]+,\s*"([a-z][a-z0-9_.]+)"`),
		regexp.MustCompile(`Msg:\s*"([a-z][a-z0-9_.]+)"`),
		// The geo parsers name their details by key (ParseError.Key, the
		// key argument of errAt, translatable fragments built with text).
		regexp.MustCompile(`(?:errAt\(|\btext\(|Key:\s*)[^"\n]*?"(geo\.parse\.[a-z0-9_.]+)"`),
	}
	// Keys of internal errors are only logged, never shown.
	internal := regexp.MustCompile(`^db\.(query|commit|migrate|audit|geo_import|region_load|region_version_empty|regions_empty)$|^document\.(read|store)$`)
	root := filepath.Join("..")
	seen := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, re := range patterns {
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				seen++
				if !internal.MatchString(m[1]) && !c.Has(m[1]) {
					t.Errorf("%s: message key %q is not in every catalog", path, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 100 {
		t.Fatalf("found only %d keys; is the pattern right?", seen)
	}
}

// The geo parsers' keys are all found by the pattern above, and no key of
// theirs in the catalogs is left unused.
func TestGeoParseKeys(t *testing.T) {
	c := MustLoad()
	lit := regexp.MustCompile(`"(geo\.parse\.[a-z0-9_.]+)"`)
	call := regexp.MustCompile(`(?:errAt\(|\btext\(|Key:\s*)[^"\n]*?"(geo\.parse\.[a-z0-9_.]+)"`)
	files, err := filepath.Glob(filepath.Join("..", "geo", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all, found := lit.FindAllStringSubmatch(string(b), -1), call.FindAllStringSubmatch(string(b), -1)
		if len(all) != len(found) {
			t.Errorf("%s: %d geo.parse keys, of which the key pattern finds %d", f, len(all), len(found))
		}
		for _, m := range all {
			used[m[1]] = true
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d geo.parse keys", len(used))
	}
	for _, k := range c.Keys(ID) {
		if strings.HasPrefix(k, "geo.parse.") && !used[k] {
			t.Errorf("catalog key %q is not used by the geo package", k)
		}
	}
}
