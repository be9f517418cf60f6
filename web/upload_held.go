package web

import (
	"io"
	"mime/multipart"
	"net/http"
	"regexp"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/document"
)

// The import pages check an upload first and store it only when the person
// confirms. Between the two steps the file waits in the blob store, and the
// confirmation form carries its key (the SHA-256 of its content) and name:
// the browser sends nothing but the key back, and the server reads and
// checks the file again before storing anything.

var blobKey = regexp.MustCompile(`^[0-9a-f]{64}$`)

// holdUpload reads an uploaded file of at most max bytes and keeps it in the
// blob store, returning its key and content. A file too large gives
// ETooLarge "document.too_large".
func (s *Server) holdUpload(r *http.Request, fh *multipart.FileHeader, max int64) (string, []byte, error) {
	f, err := fh.Open()
	if err != nil {
		return "", nil, jalin.Wrap(err, "document.read")
	}
	b, err := document.ReadLimited(f, max)
	f.Close()
	if err != nil {
		return "", nil, err
	}
	key, err := s.Blobs.Put(r.Context(), b)
	if err != nil {
		return "", nil, err
	}
	return key, b, nil
}

// heldUpload returns the content of a file holdUpload kept, by the key a
// confirmation form sent back; a key that is not one gives EInvalid.
func (s *Server) heldUpload(r *http.Request, key string, max int64) ([]byte, error) {
	if !blobKey.MatchString(key) {
		return nil, jalin.Invalid("key", "document.bad_key")
	}
	rc, _, err := s.Blobs.Open(r.Context(), key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, max+1))
}
