package account

import (
	"testing"

	"github.com/jalin-ksd/jalin"
)

func TestChecks(t *testing.T) {
	cases := []struct {
		name  string
		err   error
		field string
	}{
		{"good username", CheckUsername("tkksd.bandung"), ""},
		{"short username", CheckUsername("ab"), "username"},
		{"upper-case username", CheckUsername("Budi"), "username"},
		{"username with quote", CheckUsername("a'; drop"), "username"},
		{"good name", CheckDisplayName(`Budi "<script>" Santoso`), ""},
		{"empty name", CheckDisplayName(""), "display_name"},
		{"name with newline", CheckDisplayName("a\nb"), "display_name"},
		{"no email", CheckEmail(""), ""},
		{"good email", CheckEmail("tkksd@bandungkota.go.id"), ""},
		{"named email", CheckEmail("Budi <b@x.id>"), "email"},
		{"bad email", CheckEmail("not-an-address"), "email"},
		{"good org", CheckOrg("PT Jasa Marga", "company", "0123456789"), ""},
		{"bad kind", CheckOrg("X", "bank", ""), "kind"},
		{"empty org", CheckOrg("", "ngo", ""), "name"},
	}
	for _, c := range cases {
		var e *jalin.Error
		if c.field == "" {
			if c.err != nil {
				t.Errorf("%s: unexpected %v", c.name, c.err)
			}
			continue
		}
		if c.err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		e = c.err.(*jalin.Error)
		if e.Code != jalin.EInvalid || e.Field != c.field {
			t.Errorf("%s: %v, want field %s", c.name, e, c.field)
		}
	}
	if NormalizeUsername("  Budi.S ") != "budi.s" {
		t.Error("NormalizeUsername")
	}
}
