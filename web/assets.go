package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files, each served under a URL that
// carries its content hash (/static/<hash>/<path>), so browsers may cache
// them forever and a new release is fetched at once.
type assets struct {
	files map[string]asset // by path below static/
}

type asset struct {
	body  []byte
	hash  string
	ctype string
}

func loadAssets() (*assets, error) {
	a := &assets{files: make(map[string]asset)}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = http.DetectContentType(b)
		}
		a.files[p[len("static/"):]] = asset{body: b, hash: hex.EncodeToString(sum[:5]), ctype: ctype}
		return nil
	})
	return a, err
}

// URL returns the content-hash URL of a static file; it panics on an
// unknown name so that a typo in a template fails every test at once.
func (a *assets) URL(name string) string {
	f, ok := a.files[name]
	if !ok {
		panic("web: unknown asset " + name)
	}
	return "/static/" + f.hash + "/" + name
}

// static serves an asset. A URL whose hash matches is immutable; any other
// hash (a relative URL inside a stylesheet, an old page) still gets the
// current file, but without the long cache lifetime.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	f, ok := s.assets.files[r.PathValue("path")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.PathValue("hash") == f.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}

// favicon answers browsers that ask for /favicon.ico regardless of the
// page's icon link.
func (s *Server) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, s.assets.URL("favicon.svg"), http.StatusMovedPermanently)
}
