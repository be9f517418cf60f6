package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/sqlstore"
)

type apiDocVersion struct {
	ID           int64               `json:"id"`
	Type         cooperation.DocType `json:"type"`
	TypeLabel    string              `json:"type_label"`
	Party        string              `json:"party"`
	Version      int                 `json:"version"`
	Current      bool                `json:"current"`
	FileName     string              `json:"file_name"`
	Size         int64               `json:"size"`
	SHA256       string              `json:"sha256"`
	MIME         string              `json:"mime"`
	Format       string              `json:"format"`
	HasMacros    bool                `json:"has_macros"`
	UploaderName string              `json:"uploader_name"`
	UploadedAt   time.Time           `json:"uploaded_at"`
	Note         string              `json:"note"`
	DownloadURL  string              `json:"download_url"`
}

func (s *Server) toAPIDoc(r *http.Request, d sqlstore.DocumentVersion) apiDocVersion {
	l := d.Type.Label()
	label := l.ID
	if info(r).Lang == "en" {
		label = l.EN
	}
	return apiDocVersion{ID: d.ID, Type: d.Type, TypeLabel: label, Party: d.Party, Version: d.VersionNo, Current: d.Current,
		FileName: d.FileName, Size: d.Size, SHA256: d.SHA256, MIME: d.MIME, Format: d.Kind, HasMacros: d.HasMacros,
		UploaderName: d.UploaderName, UploadedAt: d.UploadedAt.UTC(), Note: d.Note,
		DownloadURL: "/api/v1/cooperations/" + idOf(d.CooperationID) + "/documents/" + idOf(d.ID)}
}

// apiCoopDocs lists every version of every document, current ones marked.
func (s *Server) apiCoopDocs(w http.ResponseWriter, r *http.Request) {
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.authorize(w, r, access.ViewDocument, c.Resource()) {
		return
	}
	docs, err := s.Coops.Documents(r.Context(), info(r).Actor.Scope(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := make([]apiDocVersion, len(docs))
	for i, d := range docs {
		items[i] = s.toAPIDoc(r, d)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// multipartOverhead is what the form fields and boundaries may add to the
// file itself.
const multipartOverhead = 64 << 10

// apiCoopUpload adds a document version from a multipart/form-data body
// with the fields type, party (a party key, or empty for a joint
// document), note and file. The file is judged by its content.
func (s *Server) apiCoopUpload(w http.ResponseWriter, r *http.Request) {
	if !s.requireUser(w, r) {
		return
	}
	c, err := s.loadCoop(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.authorize(w, r, access.UploadDocument, c.Resource()) {
		return
	}
	up, err := readUpload(w, r)
	if err == nil {
		err = up.check(c)
	}
	if err == nil {
		err = filingParty(info(r).Actor, c, up.Party)
	}
	var d sqlstore.DocumentVersion
	if err == nil {
		d, err = s.storeDocument(r, c.ID, up.Type, up.Party, up.FileName, up.Note, up.Data)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/cooperations/"+idOf(c.ID)+"/documents/"+idOf(d.ID))
	writeJSON(w, http.StatusCreated, s.toAPIDoc(r, d))
}

type upload struct {
	Type     cooperation.DocType
	Party    string
	Note     string
	FileName string
	Data     []byte
}

// readUpload streams the multipart body: the text fields are small, the
// file is read up to document.DefaultMaxSize (413 beyond).
func readUpload(w http.ResponseWriter, r *http.Request) (upload, error) {
	var up upload
	r.Body = http.MaxBytesReader(w, r.Body, document.DefaultMaxSize+multipartOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return up, jalin.Invalid("Content-Type", "coopapi.multipart_required")
	}
	seenFile := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return up, uploadReadError(err)
		}
		switch name := part.FormName(); name {
		case "file":
			up.FileName = filepath.Base(strings.ReplaceAll(part.FileName(), `\`, "/"))
			if up.Data, err = document.ReadLimited(part, document.DefaultMaxSize); err != nil {
				return up, uploadReadError(err)
			}
			seenFile = true
		case "type", "party", "note":
			v, err := readField(part)
			if err != nil {
				return up, jalin.Invalid(name, "coopapi.field_too_long", name)
			}
			switch name {
			case "type":
				up.Type = cooperation.DocType(v)
			case "party":
				up.Party = v
			default:
				up.Note = v
			}
		default:
			return up, jalin.Invalid(name, "api.json_unknown_field", name)
		}
	}
	if !seenFile || len(up.Data) == 0 {
		return up, jalin.Invalid("file", "coopapi.file_required")
	}
	if up.FileName == "" || up.FileName == "." || up.FileName == "/" {
		up.FileName = "document"
	}
	return up, nil
}

func uploadReadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &jalin.Error{Code: jalin.ETooLarge, Msg: document.MsgTooLarge, Field: "file",
			Args: []any{document.DefaultMaxSize >> 20}, Err: err}
	}
	if jalin.ErrorCode(err) == jalin.ETooLarge {
		return err
	}
	return &jalin.Error{Code: jalin.EInvalid, Msg: "coopapi.multipart_required", Field: "body", Err: err}
}

func readField(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, 2001))
	if err != nil {
		return "", err
	}
	if len(b) > 2000 || !utf8.Valid(b) {
		return "", errors.New("field too long")
	}
	return strings.TrimSpace(string(b)), nil
}

// filingParty refuses a document filed in the name of a party the actor
// does not act for (cooperation.MayFileFor): one party's upload must not
// meet another party's document requirement.
func filingParty(a access.Actor, c cooperation.Cooperation, party string) error {
	if cooperation.MayFileFor(a, c, party) {
		return nil
	}
	if _, _, ok := c.Party(party); !ok {
		return jalin.Invalid("party", "coopapi.doc_party_invalid", party)
	}
	return &jalin.Error{Code: jalin.EForbidden, Msg: "coop.doc_party_not_yours", Field: "party"}
}

// check validates the fields against the cooperation.
func (up upload) check(c cooperation.Cooperation) error {
	known := false
	for _, t := range cooperation.DocTypes {
		known = known || t.Type == up.Type
	}
	if !known {
		return jalin.Invalid("type", "coopapi.doc_type_invalid", string(up.Type))
	}
	if _, _, ok := c.Party(up.Party); up.Party != "" && !ok {
		return jalin.Invalid("party", "coopapi.doc_party_invalid", up.Party)
	}
	if utf8.RuneCountInString(up.Note) > 500 || strings.ContainsFunc(up.Note, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' }) {
		return jalin.Invalid("note", "coopapi.field_too_long", "note")
	}
	if utf8.RuneCountInString(up.FileName) > 200 || strings.ContainsFunc(up.FileName, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return jalin.Invalid("file", "coopapi.file_name_invalid")
	}
	return nil
}
