// Package i18n is Jalin's message catalog. Every string a user reads — page
// text, error messages, CLI errors — is looked up here by key, in Indonesian
// (the default) or English. Catalogs are JSON files embedded in the binary; a
// test keeps both languages in step.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
)

// Lang is a supported language tag.
type Lang string

const (
	ID Lang = "id" // Bahasa Indonesia, the default
	EN Lang = "en"
)

// Default is the language used when nothing else is asked for.
const Default = ID

// Langs lists the supported languages in display order.
var Langs = []Lang{ID, EN}

//go:embed messages/*.json
var files embed.FS

// Catalog holds the messages of every language. It is immutable after Load.
type Catalog struct {
	msgs map[Lang]map[string]string
}

// Load reads the embedded catalogs.
func Load() (*Catalog, error) {
	c := &Catalog{msgs: make(map[Lang]map[string]string)}
	for _, l := range Langs {
		// messages/<lang>.json plus one file per area, messages/<lang>.<area>.json,
		// so that teams working on different parts do not edit one file.
		names, err := fs.Glob(files, "messages/"+string(l)+".*json")
		if err != nil {
			return nil, err
		}
		m := make(map[string]string)
		for _, name := range names {
			b, err := files.ReadFile(name)
			if err != nil {
				return nil, err
			}
			part := make(map[string]string)
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("i18n: %s: %w", name, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("i18n: %s: key %q is defined twice", name, k)
				}
				m[k] = v
			}
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("i18n: no messages for %s", l)
		}
		c.msgs[l] = m
	}
	return c, nil
}

// MustLoad is Load for program start-up and tests, where a broken embedded
// catalog is a build defect.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Parse returns the supported language named by s ("id", "en", "en-US",
// "id_ID"), and false if there is none.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	for _, l := range Langs {
		if s == string(l) {
			return l, true
		}
	}
	return "", false
}

// FromAcceptLanguage picks the first supported language of an HTTP
// Accept-Language header in the order given (q-values are rarely other than
// descending in practice), or Default.
func FromAcceptLanguage(h string) Lang {
	for _, part := range strings.Split(h, ",") {
		tag, _, _ := strings.Cut(part, ";")
		if l, ok := Parse(tag); ok {
			return l
		}
	}
	return Default
}

// T returns the message for key in lang, formatted with args (fmt verbs).
// A key missing in lang falls back to Indonesian, then to the key itself, so
// that a missing translation is visible but never breaks a page.
func (c *Catalog) T(lang Lang, key string, args ...any) string {
	m, ok := c.msgs[lang][key]
	if !ok {
		m, ok = c.msgs[Default][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return m
	}
	return fmt.Sprintf(m, args...)
}

// Has reports whether key exists in every language.
func (c *Catalog) Has(key string) bool {
	for _, l := range Langs {
		if _, ok := c.msgs[l][key]; !ok {
			return false
		}
	}
	return true
}

// Keys returns the keys of lang's catalog (for tests).
func (c *Catalog) Keys(lang Lang) []string {
	keys := make([]string, 0, len(c.msgs[lang]))
	for k := range c.msgs[lang] {
		keys = append(keys, k)
	}
	return keys
}
