package web

import (
	"net/http"

	"github.com/jalin-ksd/jalin/cooperation"
)

type guideData struct {
	Kinds []cooperation.Kind
	Steps []cooperation.TransitionName
	Docs  []cooperation.DocType
}

// guide explains in plain words each kind of cooperation, each step and
// each document; the forms link to its sections.
func (s *Server) guide(w http.ResponseWriter, r *http.Request) {
	d := guideData{Kinds: cooperation.Kinds}
	seen := map[cooperation.TransitionName]bool{}
	for _, k := range cooperation.Kinds {
		for _, t := range cooperation.Table(k) {
			if !seen[t.Name] {
				seen[t.Name] = true
				d.Steps = append(d.Steps, t.Name)
			}
		}
	}
	for _, dt := range cooperation.DocTypes {
		d.Docs = append(d.Docs, dt.Type)
	}
	s.render(w, r, "guide", "guide", s.t(r, "guide.title"), d)
}
