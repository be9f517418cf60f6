package sqlstore_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/access"
	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/document"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/sqlstore/sqlstoretest"
)

func docOf(t cooperation.DocType, party, content string) sqlstore.DocumentVersion {
	return sqlstore.DocumentVersion{Type: t, Party: party, FileName: string(t) + ".pdf", Size: int64(len(content)),
		SHA256: document.Sum([]byte(content)), MIME: "application/pdf", Kind: document.KindPDF}
}

func TestDocuments(t *testing.T) {
	t.Parallel()
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := coopFixture(t, db)
		c := mustCoop(t, db, newCoop("Air", regionParty("32.73", true), regionParty("35.78", false)))
		meta := sqlstore.AuditMeta{Actor: access.Actor{UserID: 0, Name: "ani"}}
		add := func(d sqlstore.DocumentVersion) sqlstore.DocumentVersion {
			t.Helper()
			clock.Advance(time.Minute)
			got, err := db.AddDocument(ctx, prov32, c.ID, d, meta)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		v1 := add(docOf(cooperation.DocDraftKB, "", "draft 1"))
		v2 := add(docOf(cooperation.DocDraftKB, "", "draft 2"))
		p1 := add(docOf(cooperation.DocSuratTanggapan, "35.78", "reply"))
		p2 := add(docOf(cooperation.DocSuratTanggapan, "32.73", "reply too"))
		if v1.VersionNo != 1 || v2.VersionNo != 2 || p1.VersionNo != 1 || p2.VersionNo != 1 || !v2.Current ||
			v2.UploaderName != "ani" || !v2.UploadedAt.Equal(t0.Add(2*time.Minute)) {
			t.Errorf("versions %+v %+v %+v %+v", v1, v2, p1, p2)
		}
		all, err := db.Documents(ctx, national, c.ID)
		if err != nil || len(all) != 4 {
			t.Fatalf("documents %+v, %v", all, err)
		}
		if all[0].ID != v2.ID || !all[0].Current || all[1].ID != v1.ID || all[1].Current {
			t.Errorf("draft_kb order/current: %+v", all[:2])
		}
		if all[2] != p2 || all[3] != p1 {
			t.Errorf("per party: %+v", all[2:])
		}
		got, err := db.GetCooperation(ctx, national, c.ID)
		if err != nil || len(got.Documents) != 3 || !got.HasDoc(cooperation.DocDraftKB, "") ||
			!got.HasDoc(cooperation.DocSuratTanggapan, "35.78") || got.Documents[0].Ref != idStr(v2.ID) {
			t.Errorf("doc refs %+v, %v", got.Documents, err)
		}
		// The same in one call, for each scope that sees it, and not found
		// for one that does not.
		for _, sc := range []access.Scope{national, prov32, {Prefix: "35"}} {
			both, docs, err := db.CooperationAndDocuments(ctx, sc, c.ID)
			if err != nil || !reflect.DeepEqual(both, got) || !reflect.DeepEqual(docs, all) {
				t.Errorf("CooperationAndDocuments(%+v) = %+v, %+v, %v; want %+v, %+v", sc, both.Documents, docs, err, got.Documents, all)
			}
		}
		_, _, err = db.CooperationAndDocuments(ctx, access.Scope{Prefix: "51"}, c.ID)
		wantNotFound(t, err)
		v1.Current = false // v2 replaced it
		if d, err := db.DocumentVersionByID(ctx, access.Scope{Prefix: "35"}, c.ID, v1.ID); err != nil || d != v1 {
			t.Errorf("by id %+v, %v", d, err)
		}
		recs, _ := db.AuditHistory(ctx, national, "cooperation", idStr(c.ID), 10)
		if len(recs) != 5 || recs[0].Action != "document.upload" {
			t.Errorf("audit %+v", recs)
		}
		// Out of scope: not found, and nothing written.
		other := access.Scope{Prefix: "51"}
		_, err = db.AddDocument(ctx, other, c.ID, docOf(cooperation.DocKB, "", "kb"), meta)
		wantNotFound(t, err)
		_, err = db.Documents(ctx, other, c.ID)
		wantNotFound(t, err)
		_, err = db.DocumentVersionByID(ctx, other, c.ID, v1.ID)
		wantNotFound(t, err)
		_, err = db.DocumentVersionByID(ctx, national, c.ID+1, v1.ID)
		wantNotFound(t, err)
		_, err = db.AddDocument(ctx, national, c.ID, docOf(cooperation.DocKB, "51.71", "kb"), meta)
		wantCode(t, err, jalin.EInvalid, "", "party")
		bad := docOf(cooperation.DocKB, "", "kb")
		bad.SHA256 = "../etc"
		_, err = db.AddDocument(ctx, national, c.ID, bad, meta)
		wantCode(t, err, jalin.EInvalid, "", "sha256")
		if all, _ := db.Documents(ctx, national, c.ID); len(all) != 4 {
			t.Errorf("%d documents after refusals", len(all))
		}
	})
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }
