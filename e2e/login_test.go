package e2e

import (
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/demo"
	"github.com/jalin-ksd/jalin/internal/browsertest"
)

func signIn(t *testing.T, b *browsertest.Browser, base, username string) {
	t.Helper()
	b.Navigate(base + "/login")
	b.SetValue("#username", username)
	b.SetValue("#password", demo.Password)
	b.SubmitAndWait("#login-form")
	if got := b.Text("#current-user"); got == "" {
		t.Fatalf("%s: not signed in; page says %q", username, b.Text("main"))
	}
}

func signOut(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.ClickAndWait("#logout")
	if !b.Exists("#login-link") {
		t.Fatal("still signed in after logout")
	}
}

// TestBrowserTwoRoles signs in as Kota Bandung's TKKSD administrator and as
// the ministry, and checks that each sees only what it may: the regency
// sees the accounts of its own region and not its province's or another
// province's; the ministry sees them all.
func TestBrowserTwoRoles(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) {
			a := start(t, engine)
			b := browsertest.New(t)

			// The public has no user administration.
			b.Navigate(a.URL() + "/")
			if b.Exists(`nav.main a[href="/users"]`) {
				t.Error("the public sees the users menu")
			}

			signIn(t, b, a.URL(), "kotabandung.admin")
			b.ClickAndWait(`nav.main a[href="/users"]`)
			users := b.Text("#users")
			for _, want := range []string{"kotabandung.admin", "kotabandung.anggota", "mitra.kampus"} {
				if !strings.Contains(users, want) {
					t.Errorf("Kota Bandung's admin does not see %s", want)
				}
			}
			for _, hidden := range []string{"jabar.admin", "jatim.admin", "kabbandung.admin", "kemendagri.admin"} {
				if strings.Contains(users, hidden) {
					t.Errorf("Kota Bandung's admin sees %s", hidden)
				}
			}
			shot(b, "users-regency")
			// Another region's account is "not found", not "forbidden".
			jatim := userID(t, a, "jatim.admin")
			b.AllowHTTPError("/users/" + jatim)
			if st := b.NavigateStatus(a.URL() + "/users/" + jatim); st != 404 {
				t.Errorf("another province's user: %d", st)
			}
			signOut(t, b)

			signIn(t, b, a.URL(), "kemendagri.admin")
			b.ClickAndWait(`nav.main a[href="/users"]`)
			users = b.Text("#users")
			for _, want := range []string{"jatim.admin", "jabar.admin", "kotabandung.admin", "kabbandung.admin"} {
				if !strings.Contains(users, want) {
					t.Errorf("the ministry does not see %s", want)
				}
			}
			b.ClickAndWait(`#users a[href="/users/` + jatim + `"]`)
			if got := b.Text("#user-name"); !strings.Contains(got, "Jawa Timur") {
				t.Errorf("the ministry opens East Java's admin: %q", got)
			}
			// The page shows the account's history (it was created).
			if !strings.Contains(b.Text("#history"), "user.create") {
				t.Error("no history on the user page")
			}
			shot(b, "users-ministry")
			signOut(t, b)
		})
	}
}
