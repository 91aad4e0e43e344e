package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Fields of a passage document. Nothing is stored in bleve: a hit's id
// names the article and passage, and the article store holds the words.
const (
	fieldText       = "text"        // the passage, textAnalyzer, with term vectors for phrases
	fieldSpeaker    = "speaker"     // quotes only: speaker name, nameAnalyzer
	fieldSpeakerKey = "speaker_key" // quotes only: lower-cased full name, exact
	fieldOutlet     = "outlet"      // lower-cased outlet name, exact
)

// newMapping builds the index mapping: one document type, no dynamic
// fields, no _all field, no doc values (nothing is sorted or faceted), term
// vectors only where phrase queries run.
func newMapping() (*mapping.IndexMappingImpl, error) {
	registerAnalysis()
	im := mapping.NewIndexMapping()
	for name, cfg := range analyzerConfigs() {
		if err := im.AddCustomAnalyzer(name, cfg); err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", name, err)
		}
	}
	im.DefaultAnalyzer = textAnalyzer
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.DefaultField = fieldText

	text := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = vectors
		f.DocValues = false
		return f
	}
	doc := mapping.NewDocumentMapping()
	doc.Dynamic = false
	doc.AddFieldMappingsAt(fieldText, text(textAnalyzer, true))
	doc.AddFieldMappingsAt(fieldSpeaker, text(nameAnalyzer, false))
	doc.AddFieldMappingsAt(fieldSpeakerKey, text(keyword.Name, false))
	doc.AddFieldMappingsAt(fieldOutlet, text(keyword.Name, false))
	im.DefaultMapping = doc
	return im, nil
}
