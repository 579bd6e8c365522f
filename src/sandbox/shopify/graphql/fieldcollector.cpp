#include "fieldcollector.h"

#include "gqlinput.h"

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

std::vector<CollectedField> FieldCollector::collect(const QString &typeName,
                                                    const std::vector<const SelectionSet *> &sets,
                                                    bool exact) const
{
    std::vector<CollectedField> fields;
    QStringList visiting;
    for (const SelectionSet *set : sets)
        collectInto(typeName, *set, exact, &fields, &visiting);
    return fields;
}

bool FieldCollector::included(const std::vector<Directive> &directives) const
{
    for (const Directive &directive : directives) {
        const bool skip = directive.name == u"skip"_s;
        if (!skip && directive.name != u"include"_s)
            continue; // other directives are accepted and have no effect here
        for (const Argument &argument : directive.arguments) {
            if (argument.name == u"if"_s &&
                InputCoercion::toJson(argument.value, m_variables).toBool() == skip)
                return false;
        }
    }
    return true;
}

bool FieldCollector::applies(const QString &typeName, const QString &condition, bool exact) const
{
    if (condition.isEmpty())
        return true;
    return exact ? m_schema.isSubtype(typeName, condition) : m_schema.overlaps(typeName, condition);
}

void FieldCollector::collectInto(const QString &typeName, const SelectionSet &set, bool exact,
                                 std::vector<CollectedField> *fields, QStringList *visiting) const
{
    for (const Selection &selection : set) {
        if (!included(selection.directives))
            continue;
        switch (selection.kind) {
        case Selection::Kind::Field: {
            const QString key = selection.responseKey();
            auto it = std::find_if(fields->begin(), fields->end(),
                                   [&](const CollectedField &f) { return f.responseKey == key; });
            if (it == fields->end()) {
                fields->push_back({key, &selection, {}});
                it = fields->end() - 1;
            }
            if (!selection.selections.empty())
                it->subSelections.push_back(&selection.selections);
            break;
        }
        case Selection::Kind::InlineFragment:
            if (applies(typeName, selection.typeCondition, exact))
                collectInto(typeName, selection.selections, exact, fields, visiting);
            break;
        case Selection::Kind::FragmentSpread: {
            const Fragment *fragment = m_document.fragment(selection.name);
            // Validation rejects cycles; the guard only keeps a bad document finite.
            if (!fragment || visiting->contains(fragment->name) ||
                !applies(typeName, fragment->typeCondition, exact))
                break;
            visiting->append(fragment->name);
            collectInto(typeName, fragment->selections, exact, fields, visiting);
            visiting->removeLast();
            break;
        }
        }
    }
}

} // namespace storeloom::sandbox::graphql
