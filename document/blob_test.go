package document

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jalin-ksd/jalin"
)

func newStore(t *testing.T) (*DirStore, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "blobs")
	s, err := NewDirStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestDirStoreRoundTrip(t *testing.T) {
	s, dir := newStore(t)
	ctx := context.Background()
	data := minimalPDF(100)
	key, err := s.Put(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if key != Sum(data) || !validKey(key) {
		t.Fatalf("key %q, want Sum %q", key, Sum(data))
	}
	p := filepath.Join(dir, key[:2], key[2:4], key)
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatalf("blob not at ab/cd/<key>: %v", err)
	}
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("file mode %v, want 0640", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Dir(p)); di.Mode().Perm()&^0o750 != 0 {
		t.Errorf("dir mode %v, want at most 0750", di.Mode().Perm())
	}

	rc, size, err := s.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	got, _ := io.ReadAll(rc)
	if size != int64(len(data)) || !bytes.Equal(got, data) {
		t.Fatalf("Open: %d bytes, size %d; want %d", len(got), size, len(data))
	}
	if ok, err := s.Exists(ctx, key); !ok || err != nil {
		t.Fatalf("Exists = %v, %v", ok, err)
	}

	other := Sum([]byte("never stored"))
	if ok, err := s.Exists(ctx, other); ok || err != nil {
		t.Fatalf("Exists(unknown) = %v, %v", ok, err)
	}
	if _, _, err := s.Open(ctx, other); !errors.Is(err, jalin.ErrNotFound) || jalin.ErrorCode(err) != jalin.ENotFound {
		t.Fatalf("Open(unknown): %v, want not found", err)
	}
}

func TestDirStorePutIdempotent(t *testing.T) {
	s, dir := newStore(t)
	ctx := context.Background()
	data := []byte("Kesepakatan Bersama")
	k1, err1 := s.Put(ctx, data)
	k2, err2 := s.Put(ctx, data)
	if err1 != nil || err2 != nil || k1 != k2 {
		t.Fatalf("Put twice: %q %v, %q %v", k1, err1, k2, err2)
	}
	if n := countFiles(t, dir); n != 1 {
		t.Fatalf("%d files after two puts of the same content, want 1", n)
	}
}

func TestDirStoreConcurrentPuts(t *testing.T) {
	s, dir := newStore(t)
	data := bytes.Repeat([]byte("PKS "), 1<<16)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Go(func() {
			key, err := s.Put(context.Background(), data)
			if err == nil && key != Sum(data) {
				err = errors.New("wrong key " + key)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := countFiles(t, dir); n != 1 {
		t.Fatalf("%d files after concurrent puts, want 1 (no temporary files left)", n)
	}
	rc, _, err := s.Open(context.Background(), Sum(data))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if got, _ := io.ReadAll(rc); !bytes.Equal(got, data) {
		t.Fatal("content differs after concurrent puts")
	}
}

func TestDirStoreBadKeys(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	good := Sum(nil)
	for _, key := range []string{"", "../../etc/passwd", strings.ToUpper(good), good[:63],
		good + "0", "../" + good[3:], good[:62] + "/.", strings.Repeat("g", 64)} {
		if _, _, err := s.Open(ctx, key); jalin.ErrorCode(err) != jalin.EInvalid {
			t.Errorf("Open(%q): %v, want invalid", key, err)
		}
		if _, err := s.Exists(ctx, key); jalin.ErrorCode(err) != jalin.EInvalid {
			t.Errorf("Exists(%q): %v, want invalid", key, err)
		}
	}
}

func TestDirStoreCanceled(t *testing.T) {
	s, _ := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Put(ctx, []byte("x")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put on a canceled context: %v", err)
	}
}

// brokenReader gives some bytes and then fails, as a disk filling up would.
type brokenReader struct{ n int }

func (b *brokenReader) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, errors.New("no space left on device")
	}
	n := min(len(p), b.n)
	b.n -= n
	return n, nil
}

func TestWriteAtomicLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "ab", "cd", Sum([]byte("x")))
	if err := writeAtomic(name, &brokenReader{n: 10_000}); err == nil {
		t.Fatal("writeAtomic with a failing reader succeeded")
	}
	if _, err := os.Stat(name); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a partial file is visible: %v", err)
	}
	if n := countFiles(t, dir); n != 0 {
		t.Fatalf("%d files left behind, want 0", n)
	}
}

func TestDirStoreReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	s, dir := newStore(t)
	if err := os.Chmod(dir, 0o550); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o750) })
	if _, err := s.Put(context.Background(), []byte("x")); jalin.ErrorCode(err) != jalin.EInternal {
		t.Fatalf("Put in a read-only store: %v, want internal", err)
	}
	if n := countFiles(t, dir); n != 0 {
		t.Fatalf("%d files in a read-only store", n)
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDirStoreUnwritable works as root too: a file stands where the shard
// directory should be.
func TestDirStoreUnwritable(t *testing.T) {
	s, dir := newStore(t)
	data := []byte("laporan")
	key := Sum(data)
	if err := os.WriteFile(filepath.Join(dir, key[:2]), nil, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(context.Background(), data); jalin.ErrorCode(err) != jalin.EInternal {
		t.Fatalf("Put: %v, want internal", err)
	}
	if ok, _ := s.Exists(context.Background(), key); ok {
		t.Fatal("blob exists after a failed put")
	}
}
