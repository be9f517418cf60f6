package auth

import (
	"strings"
	"unicode/utf8"

	"github.com/jalin-ksd/jalin"
)

// Password length limits. The minimum counts characters (a Javanese or
// Arabic-script passphrase is as good as a Latin one); the maximum counts
// bytes, to bound the work of hashing whatever a form posts.
const (
	MinPasswordChars = 10
	MaxPasswordBytes = 256
)

// CheckPasswordPolicy applies the rules for a new password, after NIST SP
// 800-63B: long enough, bounded, not the username, not one repeated
// character. It deliberately has no composition rules (digits, symbols),
// which push users towards predictable passwords. Errors are EInvalid on
// the field "password" with the keys auth.password_short (arg: the
// minimum), auth.password_long (arg: the maximum) and auth.password_weak.
func CheckPasswordPolicy(pw, username string) error {
	switch {
	case len(pw) > MaxPasswordBytes:
		return jalin.Invalid("password", "auth.password_long", MaxPasswordBytes)
	case utf8.RuneCountInString(pw) < MinPasswordChars:
		return jalin.Invalid("password", "auth.password_short", MinPasswordChars)
	case username != "" && strings.Contains(strings.ToLower(pw), strings.ToLower(username)):
		return jalin.Invalid("password", "auth.password_weak")
	case oneCharacter(pw):
		return jalin.Invalid("password", "auth.password_weak")
	}
	return nil
}

func oneCharacter(s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range s {
		if r != first {
			return false
		}
	}
	return true
}
