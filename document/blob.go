package document

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jalin-ksd/jalin"
)

// BlobStore keeps document contents addressed by their SHA-256, so that the
// same annex attached to ten cooperations is stored once, and so that a
// shared store (object storage, a network volume) can replace DirStore when
// several instances serve the same data.
type BlobStore interface {
	// Put stores data and returns its key, Sum(data). It is idempotent.
	Put(ctx context.Context, data []byte) (key string, err error)
	// Open returns the content and its size, or an error that
	// errors.Is(err, jalin.ErrNotFound) for an unknown key.
	Open(ctx context.Context, key string) (io.ReadCloser, int64, error)
	Exists(ctx context.Context, key string) (bool, error)
}

// Sum returns the key of data: its SHA-256 in lower-case hex.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// validKey reports whether key is 64 lower-case hex digits, which also
// makes it safe to use as a file name.
func validKey(key string) bool {
	if len(key) != 2*sha256.Size {
		return false
	}
	for i := range len(key) {
		if c := key[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func badKey(key string) error {
	return jalin.Invalid("key", MsgBadKey, key)
}

// DirStore is a BlobStore in a local directory, one file per blob at
// ab/cd/<key>. It is safe for concurrent use, also by several processes
// sharing the directory, because every file appears whole by a rename.
type DirStore struct {
	dir string
}

var _ BlobStore = (*DirStore)(nil)

// NewDirStore returns a store rooted at dir (typically DATA_DIR/blobs),
// creating it if needed.
func NewDirStore(dir string) (*DirStore, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, jalin.Wrap(err, "document.store")
	}
	return &DirStore{dir: dir}, nil
}

func (s *DirStore) path(key string) string {
	return filepath.Join(s.dir, key[:2], key[2:4], key)
}

func (s *DirStore) Put(ctx context.Context, data []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	key := Sum(data)
	p := s.path(key)
	// Already there and whole: nothing to do. A file of another size can
	// only be damage from outside; replace it.
	if fi, err := os.Stat(p); err == nil && fi.Size() == int64(len(data)) {
		return key, nil
	}
	if err := writeAtomic(p, bytes.NewReader(data)); err != nil {
		return "", jalin.Wrap(err, "document.store")
	}
	return key, nil
}

func (s *DirStore) Open(ctx context.Context, key string) (io.ReadCloser, int64, error) {
	if !validKey(key) {
		return nil, 0, badKey(key)
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	f, err := os.Open(s.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, &jalin.Error{Code: jalin.ENotFound, Msg: MsgNotFound, Err: jalin.ErrNotFound}
	}
	if err != nil {
		return nil, 0, jalin.Wrap(err, "document.store")
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, jalin.Wrap(err, "document.store")
	}
	return f, fi.Size(), nil
}

func (s *DirStore) Exists(ctx context.Context, key string) (bool, error) {
	if !validKey(key) {
		return false, badKey(key)
	}
	if err := ctx.Err(); err != nil {
		return false, err
	}
	_, err := os.Stat(s.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, jalin.Wrap(err, "document.store")
	}
	return true, nil
}

// writeAtomic writes the content of r to name so that readers see either
// no file or the whole of it, even across a crash: temporary file in the
// same directory, fsync, rename, fsync of the directory.
func writeAtomic(name string, r io.Reader) (err error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o640); err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		return fmt.Errorf("write %s: %w", f.Name(), err)
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), name); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return nil // the file is in place; only its durability is in doubt
	}
	defer d.Close()
	d.Sync()
	return nil
}
