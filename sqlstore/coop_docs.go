package sqlstore

import (
	"context"

	"github.com/jalin-ksd/jalin/cooperation"
)

// currentDocs lists the current document versions of a cooperation as the
// domain's DocRefs, so that guards asking "is a current KB present" see the
// same documents inside an update's transaction as a page does.
func (tx *Tx) currentDocs(ctx context.Context, coopID int64) ([]cooperation.DocRef, error) {
	rows, err := tx.Query(ctx, `SELECT id, doc_type, party_key FROM document_version
		WHERE cooperation_id = ? AND is_current = TRUE ORDER BY doc_type, party_key`, coopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cooperation.DocRef
	for rows.Next() {
		var d cooperation.DocRef
		var id int64
		if err := rows.Scan(&id, &d.Type, &d.Party); err != nil {
			return nil, err
		}
		d.Ref, d.Current = idString(id), true
		out = append(out, d)
	}
	return out, rows.Err()
}
