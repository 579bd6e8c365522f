#pragma once

#include "gqlschema.h"

#include <QJsonObject>

namespace storeloom::sandbox::graphql {

// The fields one response object gets from a set of selections: fragments
// spread and inline fragments applied, @skip/@include honoured, fields with
// the same response key merged (their sub-selections concatenated).
struct CollectedField
{
    QString responseKey;
    const Selection *first = nullptr; // name, arguments and location come from here
    std::vector<const SelectionSet *> subSelections;
};

class FieldCollector
{
public:
    FieldCollector(const Schema &schema, const Document &document, const QJsonObject &variables)
        : m_schema(schema), m_document(document), m_variables(variables)
    {
    }

    // `exact`: the value's runtime type is `typeName`, so a fragment applies
    // when that type is (or implements) its condition. Otherwise `typeName` is
    // a static type and every fragment that could apply is taken (for cost).
    std::vector<CollectedField> collect(const QString &typeName,
                                        const std::vector<const SelectionSet *> &sets,
                                        bool exact = true) const;

    bool included(const std::vector<Directive> &directives) const;

private:
    void collectInto(const QString &typeName, const SelectionSet &set, bool exact,
                     std::vector<CollectedField> *fields, QStringList *visiting) const;
    bool applies(const QString &typeName, const QString &condition, bool exact) const;

    const Schema &m_schema;
    const Document &m_document;
    const QJsonObject &m_variables;
};

} // namespace storeloom::sandbox::graphql
