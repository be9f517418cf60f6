package web

import (
	"net/http"

	"github.com/jalin-ksd/jalin/cooperation"
)

type guideData struct {
	Kinds  []cooperation.Kind
	Stages []cooperation.Stage
	Steps  []cooperation.TransitionName
	Docs   []cooperation.DocType
}

// guide explains in plain words each kind of cooperation, each stage, each
// step and each document, and the TKKSD's work; the forms and pages link
// to its sections.
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
	d.Stages = guideStages()
	s.render(w, r, "guide", "guide", s.t(r, "guide.title"), d)
}

// guideStages lists every stage of every kind once, domestic path first.
func guideStages() []cooperation.Stage {
	var out []cooperation.Stage
	seen := map[cooperation.Stage]bool{}
	add := func(st cooperation.Stage) {
		if st != "" && !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	for _, k := range []cooperation.Kind{cooperation.KindWajib, cooperation.KindSinergi, cooperation.KindKSDPL} {
		for _, st := range mainPath(k) {
			add(st)
		}
	}
	for _, k := range cooperation.Kinds {
		for _, t := range cooperation.Table(k) {
			for _, st := range t.From {
				add(st)
			}
			add(t.To)
		}
	}
	return out
}
