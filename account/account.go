// Package account holds the rules for the fields of a user account and a
// third-party organisation, shared by the pages, the API and the CLI.
package account

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/jalin-ksd/jalin"
)

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// NormalizeUsername lower-cases and trims a username as typed.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// CheckUsername: 3–32 characters, lower-case letters, digits, dot, dash
// and underscore, starting with a letter or digit.
func CheckUsername(s string) error {
	if !usernameRE.MatchString(s) {
		return jalin.Invalid("username", "account.username_invalid")
	}
	return nil
}

// CheckDisplayName: 1–100 printable characters.
func CheckDisplayName(s string) error {
	if s == "" || utf8.RuneCountInString(s) > 100 || HasControl(s) {
		return jalin.Invalid("display_name", "account.display_name_invalid")
	}
	return nil
}

// CheckEmail accepts an empty address (not every official has one on
// record) or one plain address.
func CheckEmail(s string) error {
	if s == "" {
		return nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return jalin.Invalid("email", "account.email_invalid")
	}
	return nil
}

// OrgKinds are the kinds of third party a region cooperates with.
var OrgKinds = []string{"company", "university", "ngo", "other"}

// CheckOrg validates an organisation's name, kind and legal identity
// (NIB/NPWP or registration number).
func CheckOrg(name, kind, legalID string) error {
	if name == "" || utf8.RuneCountInString(name) > 200 || HasControl(name) {
		return jalin.Invalid("name", "org.name_invalid")
	}
	ok := false
	for _, k := range OrgKinds {
		ok = ok || k == kind
	}
	if !ok {
		return jalin.Invalid("kind", "org.kind_invalid")
	}
	if utf8.RuneCountInString(legalID) > 64 || HasControl(legalID) {
		return jalin.Invalid("legal_id", "org.legal_id_invalid")
	}
	return nil
}

// HasControl reports control characters or invalid UTF-8, which no name
// needs and PostgreSQL refuses (NUL).
func HasControl(s string) bool {
	return !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}
