#pragma once

#include "gqlerror.h"
#include "gqlschema.h"

#include <QHash>

namespace storeloom::sandbox::graphql {

// Static validation before anything is costed or executed, with
// graphql-ruby's messages and extension codes (what Shopify answers):
// fields exist, leaves have no selections and objects have some, arguments
// are known, required ones given, literals fit; fragments are defined,
// used, acyclic and can apply where spread; variables are declared, used
// and of a type their positions accept.
class Validator
{
public:
    Validator(const Schema &schema, const Document &document);

    std::vector<Error> validate();

private:
    struct Usage
    {
        QString variable;
        TypeRef expected;
        bool hasDefault = false; // the argument has a default, so a nullable variable is fine
        QString argument;
        SourceLocation location;
    };
    struct Scope
    {
        std::vector<Usage> usages;
        QStringList spreads;
    };

    void checkSelections(const TypeDef &type, const SelectionSet &selections, Scope *scope);
    void checkField(const TypeDef &parent, const Selection &field, Scope *scope);
    void checkArguments(const FieldDef &def, const Selection &field, Scope *scope);
    void checkSpread(const TypeDef &parent, const Selection &spread, Scope *scope);
    void recordUsages(const Value &value, const TypeRef &expected, bool hasDefault,
                      const QString &argument, Scope *scope);
    void checkFragments();
    void checkVariables(const Operation &operation, const Scope &scope);
    void collectUsages(const Scope &scope, std::vector<Usage> *usages, QStringList *seen) const;
    bool findCycle(const QString &fragment, QStringList *stack) const;
    bool acceptsVariable(const TypeRef &variable, const TypeRef &expected, bool hasDefault) const;

    void report(const QString &message, SourceLocation location, const QJsonObject &extensions);

    const Schema &m_schema;
    const Document &m_document;
    std::vector<Error> m_errors;
    QStringList m_path;
    QHash<QString, Scope> m_fragmentScopes;
    QStringList m_usedFragments;
};

} // namespace storeloom::sandbox::graphql
