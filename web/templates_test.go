package web

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/i18n"
)

// Every literal message key used in a template must exist in every
// language, so that no page shows a raw key.
func TestTemplateKeysExist(t *testing.T) {
	cat := i18n.MustLoad()
	re := regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)
	n := 0
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := templateFS.ReadFile(p)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			if !cat.Has(m[1]) {
				t.Errorf("%s uses unknown message key %q", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("found only %d keys; is the pattern right?", n)
	}
	for _, k := range []string{"level.1", "level.2", "level.3", "level.4", "kind.provinsi", "kind.kabupaten", "kind.kota", "kind.kecamatan", "kind.desa", "kind.kelurahan", "lang.id", "lang.en"} {
		if !cat.Has(k) {
			t.Errorf("computed key %q missing", k)
		}
	}
}

// Every message the domain packages emit must be in the catalogs.
func TestDomainMessagesInCatalog(t *testing.T) {
	cat := i18n.MustLoad()
	for _, k := range cooperation.MessageKeys {
		if !cat.Has(k) {
			t.Errorf("cooperation message %q is not in the catalogs", k)
		}
	}
}

// The guide explains every kind, every stage and step of every lifecycle
// table and every document type, in both languages.
func TestGuideCoversEverything(t *testing.T) {
	cat := i18n.MustLoad()
	for _, k := range cooperation.Kinds {
		if !cat.Has("guide.kind." + string(k)) {
			t.Errorf("no guide text for kind %s", k)
		}
		for _, tr := range cooperation.Table(k) {
			if !cat.Has("coop.help."+string(tr.Name)) || !cat.Has("coop.step."+string(tr.Name)) {
				t.Errorf("no guide text for step %s", tr.Name)
			}
		}
	}
	if n := len(guideStages()); n < 25 {
		t.Errorf("the guide lists %d stages; every machine's stages should be there", n)
	}
	for _, st := range guideStages() {
		if !cat.Has("guide.stage." + string(st)) {
			t.Errorf("no guide text for stage %s", st)
		}
	}
	for _, d := range cooperation.DocTypes {
		if !cat.Has("guide.doc." + string(d.Type)) {
			t.Errorf("no guide text for document %s", d.Type)
		}
	}
}
