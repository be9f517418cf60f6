package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jalin-ksd/jalin/app"
)

func userID(t *testing.T, a *app.App, username string) string {
	t.Helper()
	u, err := a.DB.UserForLogin(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(u.ID, 10)
}

// tempFile writes body to a file called name in the test's temporary
// directory, for a form to upload, and returns its path.
func tempFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
