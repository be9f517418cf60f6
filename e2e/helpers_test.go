package e2e

import (
	"context"
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
