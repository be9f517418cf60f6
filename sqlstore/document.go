package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
)

// DocumentVersion is one uploaded version of a cooperation's document. The
// content is in a document.BlobStore under SHA256; Party is the Party.Key
// of the party it belongs to, "" for a joint document. VersionNo counts 1,
// 2, 3... per (Type, Party), and only the latest is Current.
type DocumentVersion struct {
	ID, CooperationID int64
	Type              cooperation.DocType
	Party             string
	VersionNo         int
	FileName          string
	Size              int64
	SHA256, MIME      string
	Kind              string // document.Format.Kind
	HasMacros         bool
	UploadedBy        int64
	UploaderName      string
	UploadedAt        time.Time
	Current           bool
	Note              string
}

const docCols = `id, cooperation_id, doc_type, party_key, version_no, file_name, size, sha256, mime, kind,
	has_macros, uploaded_by, uploader_name, uploaded_at, is_current, note`

func scanDoc(s interface{ Scan(...any) error }) (DocumentVersion, error) {
	var d DocumentVersion
	var by sql.NullInt64
	err := s.Scan(&d.ID, &d.CooperationID, &d.Type, &d.Party, &d.VersionNo, &d.FileName, &d.Size, &d.SHA256,
		&d.MIME, &d.Kind, &d.HasMacros, &by, &d.UploaderName, &d.UploadedAt, &d.Current, &d.Note)
	d.UploadedBy, d.UploadedAt = by.Int64, d.UploadedAt.UTC()
	return d, err
}

// docView is what the audit trail records of an upload.
type docView struct {
	ID       int64               `json:"id"`
	Type     cooperation.DocType `json:"type"`
	Party    string              `json:"party,omitempty"`
	Version  int                 `json:"version"`
	SHA256   string              `json:"sha256"`
	Size     int64               `json:"size"`
	FileName string              `json:"file_name"`
}

func knownDocType(t cooperation.DocType) bool {
	for _, d := range cooperation.DocTypes {
		if d.Type == t {
			return true
		}
	}
	return false
}

// AddDocument records a new version of a document of cooperation coopID,
// which scope must see: it numbers it after the latest of its type and
// party, makes it the current one (the earlier ones stay, not current) and
// records "document.upload" in the audit trail, in one transaction. The
// caller stores the content in a document.BlobStore first; since blobs are
// addressed by content, a failure here leaves at most a blob nothing
// refers to, never a row without its content.
//
// ID, VersionNo, UploadedAt and Current are set here; UploadedBy and
// UploaderName default to meta's actor. Party must be "" or the key of one
// of the cooperation's parties.
func (db *DB) AddDocument(ctx context.Context, scope access.Scope, coopID int64, d DocumentVersion, meta AuditMeta) (DocumentVersion, error) {
	d.FileName = strings.TrimSpace(d.FileName)
	switch {
	case !knownDocType(d.Type):
		return DocumentVersion{}, jalin.Invalid("type", "document.type_invalid", string(d.Type))
	case !validSHA256(d.SHA256):
		return DocumentVersion{}, jalin.Invalid("sha256", "document.bad_key")
	case d.FileName == "":
		return DocumentVersion{}, jalin.Invalid("file_name", "document.name_required")
	case d.Size < 0:
		return DocumentVersion{}, jalin.Invalid("size", "document.size_invalid")
	}
	if d.UploadedBy == 0 && d.UploaderName == "" {
		d.UploadedBy, d.UploaderName = meta.Actor.UserID, meta.Actor.Name
	}
	err := db.Tx(ctx, func(tx *Tx) error {
		c, err := getCoop(ctx, tx.QueryRow, scope, coopID)
		if err != nil {
			return err
		}
		if _, _, ok := c.Party(d.Party); d.Party != "" && !ok {
			return jalin.Invalid("party", "document.party_unknown", d.Party)
		}
		// An UPDATE that changes nothing still takes the cooperation's row
		// lock on PostgreSQL (SQLite has one writer anyway), so concurrent
		// uploads number their versions one after the other.
		if _, err := tx.Exec(ctx, "UPDATE cooperation SET version = version WHERE id = ?", coopID); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if err := tx.bumpCoopGeneration(ctx); err != nil {
			return err
		}
		var last sql.NullInt64
		if err := tx.QueryRow(ctx, `SELECT MAX(version_no) FROM document_version
			WHERE cooperation_id = ? AND doc_type = ? AND party_key = ?`, coopID, string(d.Type), d.Party).
			Scan(&last); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if _, err := tx.Exec(ctx, `UPDATE document_version SET is_current = FALSE
			WHERE cooperation_id = ? AND doc_type = ? AND party_key = ? AND is_current = TRUE`,
			coopID, string(d.Type), d.Party); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		if d.ID, err = tx.nextID(ctx, "document_version"); err != nil {
			return err
		}
		d.CooperationID, d.VersionNo, d.UploadedAt, d.Current = coopID, int(last.Int64)+1, tx.db.Now(), true
		if _, err := tx.Exec(ctx, "INSERT INTO document_version ("+docCols+
			") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			d.ID, d.CooperationID, string(d.Type), d.Party, d.VersionNo, d.FileName, d.Size, d.SHA256, d.MIME,
			d.Kind, d.HasMacros, nullID(d.UploadedBy), d.UploaderName, d.UploadedAt, d.Current, d.Note); err != nil {
			return jalin.Wrap(err, "db.query")
		}
		return tx.appendAudit(ctx, meta, AuditEntry{
			Action: "document.upload", ObjectKind: "cooperation", ObjectID: idString(coopID),
			Region: initiatorRegion(&c),
			After:  docView{d.ID, d.Type, d.Party, d.VersionNo, d.SHA256, d.Size, d.FileName},
		})
	})
	if err != nil {
		return DocumentVersion{}, err
	}
	return d, nil
}

func validSHA256(s string) bool {
	return len(s) == 64 && strings.Trim(s, "0123456789abcdef") == ""
}

// Documents returns every version of every document of cooperation coopID,
// which scope must see: by type and party, newest version first.
func (db *DB) Documents(ctx context.Context, scope access.Scope, coopID int64) ([]DocumentVersion, error) {
	if err := db.checkCoopVisible(ctx, scope, coopID); err != nil {
		return nil, err
	}
	return db.documentVersions(ctx, coopID)
}

// CooperationAndDocuments is GetCooperation and Documents in two queries
// instead of four, for a cooperation's page or API answer: the cooperation
// if scope sees it, and every version of its documents, from which the
// current ones in c.Documents are taken.
func (db *DB) CooperationAndDocuments(ctx context.Context, scope access.Scope, id int64) (cooperation.Cooperation, []DocumentVersion, error) {
	c, err := getCoop(ctx, db.queryRowCached, scope, id)
	if err != nil {
		return c, nil, err
	}
	docs, err := db.documentVersions(ctx, id)
	if err != nil {
		return cooperation.Cooperation{}, nil, err
	}
	for _, d := range docs { // by type and party, like GetCooperation's
		if d.Current {
			c.Documents = append(c.Documents, cooperation.DocRef{Type: d.Type, Ref: idString(d.ID), Current: true, Party: d.Party})
		}
	}
	return c, docs, nil
}

// documentVersions lists every version of coopID's documents by type and
// party, newest first, without checking who may see them.
func (db *DB) documentVersions(ctx context.Context, coopID int64) ([]DocumentVersion, error) {
	out := []DocumentVersion{}
	err := db.eachCached(db.pointRead(ctx), "SELECT "+docCols+` FROM document_version WHERE cooperation_id = ?
		ORDER BY doc_type, party_key, version_no DESC`, []any{coopID},
		func(rows *sql.Rows) error {
			d, err := scanDoc(rows)
			out = append(out, d)
			return err
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DocumentVersionByID returns document version docID of cooperation
// coopID, which scope must see; a version of another cooperation is not
// found.
func (db *DB) DocumentVersionByID(ctx context.Context, scope access.Scope, coopID, docID int64) (DocumentVersion, error) {
	if err := db.checkCoopVisible(ctx, scope, coopID); err != nil {
		return DocumentVersion{}, err
	}
	d, err := scanDoc(db.QueryRow(ctx, "SELECT "+docCols+" FROM document_version WHERE id = ? AND cooperation_id = ?",
		docID, coopID))
	if errors.Is(err, sql.ErrNoRows) {
		return DocumentVersion{}, notFound("document", idString(docID))
	}
	if err != nil {
		return DocumentVersion{}, jalin.Wrap(err, "db.query")
	}
	return d, nil
}
