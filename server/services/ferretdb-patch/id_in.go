// Added to FerretDB's SQLite backend by the placement portal's build (server/services/ferretdb.ts).

package sqlite

import (
	"fmt"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
)

// maxPushedDownIDs bounds the SQL statement; a longer list is filtered in Go, as before.
const maxPushedDownIDs = 1000

// idInWhereClause turns a filter that is exactly {_id: {$in: [...]}} of strings and ObjectIDs into
// a WHERE clause that SQLite answers from the _id index. The handler still applies the whole
// filter to every row returned, so this only has to return a superset of the matches.
func idInWhereClause(filter *types.Document) (string, []any, bool) {
	if filter.Len() != 1 {
		return "", nil, false
	}

	value, err := filter.Get("_id")
	if err != nil {
		return "", nil, false
	}

	operator, ok := value.(*types.Document)
	if !ok || operator.Len() != 1 {
		return "", nil, false
	}

	in, err := operator.Get("$in")
	if err != nil {
		return "", nil, false
	}

	ids, ok := in.(*types.Array)
	if !ok || ids.Len() == 0 || ids.Len() > maxPushedDownIDs {
		return "", nil, false
	}

	args := make([]any, 0, ids.Len())

	for i := 0; i < ids.Len(); i++ {
		id, err := ids.Get(i)
		if err != nil {
			return "", nil, false
		}

		switch id.(type) {
		case string, types.ObjectID:
			marshaled, err := sjson.MarshalSingleValue(id)
			if err != nil {
				return "", nil, false
			}

			args = append(args, string(marshaled))
		default:
			return "", nil, false
		}
	}

	placeholders := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")

	return fmt.Sprintf(` WHERE %s IN (%s)`, metadata.IDColumn, placeholders), args, true
}
