package sqlstoretest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jalin-ksd/jalin/sqlstore"
)

// A database file that a leaked connection still holds is moved aside at
// the test's end, not deleted: the descriptor keeps naming a file that
// exists, so no new file can take its inode.
func TestLeakedSQLiteFileKept(t *testing.T) {
	if _, err := os.ReadDir("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd here: the check it backs is off too")
	}
	var leaked *sqlstore.DB
	var path string
	t.Run("leak", func(t *testing.T) {
		path = DSN(t, sqlstore.SQLite)
		var err error
		if leaked, err = sqlstore.Open(context.Background(), path); err != nil {
			t.Fatal(err)
		}
		// No Close: the connection outlives the test.
	})
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("%s is still in its test's directory: %v", path, err)
	}
	var targets []string
	fds, _ := os.ReadDir("/proc/self/fd")
	for _, fd := range fds {
		target, _ := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if strings.Contains(target, "jalin-open-db-") {
			targets = append(targets, target)
		}
	}
	if len(targets) == 0 {
		t.Fatal("no open descriptor names the moved file")
	}
	for _, target := range targets {
		if strings.HasSuffix(target, "(deleted)") {
			t.Errorf("descriptor of a deleted file: %s", target)
		}
	}
	if err := leaked.Ping(context.Background()); err != nil {
		t.Errorf("the leaked connection lost its file: %v", err)
	}
	leaked.Close()
	os.RemoveAll(filepath.Dir(filepath.Dir(targets[0])))

	// A database closed in time goes with its directory; nothing is kept.
	var dir string
	t.Run("closed", func(t *testing.T) {
		path := DSN(t, sqlstore.SQLite)
		dir = filepath.Dir(path)
		db, err := sqlstore.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
	})
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s outlived its test: %v", dir, err)
	}
}
