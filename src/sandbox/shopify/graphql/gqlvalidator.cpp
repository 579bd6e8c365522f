#include "gqlvalidator.h"

#include "gqlinput.h"

namespace storeloom::sandbox::graphql {

using namespace Qt::StringLiterals;

namespace {

QJsonObject ext(std::initializer_list<std::pair<QString, QJsonValue>> values)
{
    QJsonObject object;
    for (const auto &[key, value] : values)
        object.insert(key, value);
    return object;
}

TypeRef withoutNonNull(TypeRef type)
{
    type.nonNull = false;
    return type;
}

} // namespace

Validator::Validator(const Schema &schema, const Document &document)
    : m_schema(schema), m_document(document)
{
}

void Validator::report(const QString &message, SourceLocation location, const QJsonObject &extensions)
{
    Error error;
    error.message = message;
    error.locations = {location};
    for (const QString &step : std::as_const(m_path))
        error.path.append(step);
    error.extensions = extensions;
    m_errors.push_back(std::move(error));
}

std::vector<Error> Validator::validate()
{
    checkFragments();
    for (const Operation &operation : m_document.operations) {
        const TypeDef *root = operation.type == Operation::Type::Mutation ? m_schema.mutationType()
                                                                         : m_schema.queryType();
        m_path = {operation.pathName()};
        if (!root) {
            report(u"Schema is not configured for %1s"_s.arg(operation.pathName().section(u' ', 0, 0)),
                   operation.location, ext({{u"code"_s, u"missingMutationConfiguration"_s}}));
            continue;
        }
        Scope scope;
        checkSelections(*root, operation.selections, &scope);
        checkVariables(operation, scope);
    }
    for (const Fragment &fragment : m_document.fragments) {
        if (!m_usedFragments.contains(fragment.name)) {
            m_path = {u"fragment "_s + fragment.name};
            report(u"Fragment %1 was defined, but not used"_s.arg(fragment.name), fragment.location,
                   ext({{u"code"_s, u"useAndDefineFragment"_s}, {u"fragmentName"_s, fragment.name}}));
        }
    }
    return std::move(m_errors);
}

void Validator::checkFragments()
{
    for (const Fragment &fragment : m_document.fragments) {
        m_path = {u"fragment "_s + fragment.name};
        const TypeDef *type = m_schema.type(fragment.typeCondition);
        Scope scope;
        if (!type) {
            report(u"No such type %1, so it can't be a fragment condition"_s.arg(fragment.typeCondition),
                   fragment.location,
                   ext({{u"code"_s, u"undefinedType"_s}, {u"typeName"_s, fragment.typeCondition}}));
        } else if (type->isLeaf()) {
            report(u"Invalid fragment on type %1 (must be Union, Interface or Object)"_s.arg(type->name),
                   fragment.location,
                   ext({{u"code"_s, u"fragmentOnNonCompositeType"_s}, {u"typeName"_s, type->name}}));
        } else {
            checkSelections(*type, fragment.selections, &scope);
        }
        m_fragmentScopes.insert(fragment.name, scope);
    }
    for (const Fragment &fragment : m_document.fragments) {
        QStringList stack;
        if (findCycle(fragment.name, &stack)) {
            m_path = {u"fragment "_s + fragment.name};
            report(u"Fragment %1 contains an infinite loop"_s.arg(fragment.name), fragment.location,
                   ext({{u"code"_s, u"infiniteLoop"_s}, {u"fragmentName"_s, fragment.name}}));
        }
    }
}

bool Validator::findCycle(const QString &fragment, QStringList *stack) const
{
    if (stack->contains(fragment))
        return stack->first() == fragment;
    stack->append(fragment);
    for (const QString &spread : m_fragmentScopes.value(fragment).spreads) {
        if (findCycle(spread, stack))
            return true;
    }
    stack->removeLast();
    return false;
}

void Validator::checkSelections(const TypeDef &type, const SelectionSet &selections, Scope *scope)
{
    for (const Selection &selection : selections) {
        for (const Directive &directive : selection.directives) {
            for (const Argument &argument : directive.arguments)
                recordUsages(argument.value, TypeRef{u"Boolean"_s, true, {}}, false, argument.name, scope);
        }
        switch (selection.kind) {
        case Selection::Kind::Field:
            checkField(type, selection, scope);
            break;
        case Selection::Kind::FragmentSpread:
            checkSpread(type, selection, scope);
            break;
        case Selection::Kind::InlineFragment: {
            const TypeDef *condition =
                selection.typeCondition.isEmpty() ? &type : m_schema.type(selection.typeCondition);
            if (!condition) {
                report(u"No such type %1, so it can't be a fragment condition"_s.arg(selection.typeCondition),
                       selection.location,
                       ext({{u"code"_s, u"undefinedType"_s}, {u"typeName"_s, selection.typeCondition}}));
                break;
            }
            if (!m_schema.overlaps(type.name, condition->name)) {
                report(u"Fragment on %1 can't be spread inside %2"_s.arg(condition->name, type.name),
                       selection.location,
                       ext({{u"code"_s, u"cannotSpreadFragment"_s}, {u"typeName"_s, condition->name}}));
                break;
            }
            m_path.append(u"... on "_s + condition->name);
            checkSelections(*condition, selection.selections, scope);
            m_path.removeLast();
            break;
        }
        }
    }
}

void Validator::checkSpread(const TypeDef &parent, const Selection &spread, Scope *scope)
{
    const Fragment *fragment = m_document.fragment(spread.name);
    if (!m_usedFragments.contains(spread.name))
        m_usedFragments.append(spread.name);
    scope->spreads.append(spread.name);
    if (!fragment) {
        report(u"Fragment %1 was used, but not defined"_s.arg(spread.name), spread.location,
               ext({{u"code"_s, u"useAndDefineFragment"_s}, {u"fragmentName"_s, spread.name}}));
        return;
    }
    if (m_schema.type(fragment->typeCondition) && !m_schema.overlaps(parent.name, fragment->typeCondition)) {
        report(u"Fragment %1 on %2 can't be spread inside %3"_s.arg(fragment->name, fragment->typeCondition,
                                                                   parent.name),
               spread.location,
               ext({{u"code"_s, u"cannotSpreadFragment"_s}, {u"fragmentName"_s, fragment->name}}));
    }
}

void Validator::checkField(const TypeDef &parent, const Selection &field, Scope *scope)
{
    if (field.name == u"__typename"_s)
        return;
    const FieldDef *def = parent.field(field.name);
    m_path.append(field.responseKey());
    if (!def) {
        report(u"Field '%1' doesn't exist on type '%2'"_s.arg(field.name, parent.name), field.location,
               ext({{u"code"_s, u"undefinedField"_s}, {u"typeName"_s, parent.name},
                    {u"fieldName"_s, field.name}}));
        m_path.removeLast();
        return;
    }
    checkArguments(*def, field, scope);
    const TypeDef *type = m_schema.type(def->namedType);
    const QString returns = def->type.toString();
    if (type && type->isLeaf() && !field.selections.empty()) {
        QStringList names;
        for (const Selection &s : field.selections)
            names.append(s.name);
        report(u"Selections can't be made on %1 (field '%2' returns %3 but has selections [%4])"_s.arg(
                   type->kind == TypeDef::Kind::Enum ? u"enums"_s : u"scalars"_s, field.name, returns,
                   names.join(u", "_s)),
               field.location,
               ext({{u"code"_s, u"selectionMismatch"_s}, {u"nodeName"_s, u"field '%1'"_s.arg(field.name)},
                    {u"typeName"_s, returns}}));
    } else if (type && !type->isLeaf() && field.selections.empty()) {
        report(u"Field must have selections (field '%1' returns %2 but has no selections. Did you mean '%1 { ... }'?)"_s
                   .arg(field.name, returns),
               field.location,
               ext({{u"code"_s, u"selectionMismatch"_s}, {u"nodeName"_s, u"field '%1'"_s.arg(field.name)},
                    {u"typeName"_s, returns}}));
    } else if (type && !type->isLeaf()) {
        checkSelections(*type, field.selections, scope);
    }
    m_path.removeLast();
}

void Validator::checkArguments(const FieldDef &def, const Selection &field, Scope *scope)
{
    const InputCoercion coercion(m_schema);
    for (const Argument &argument : field.arguments) {
        const ArgumentDef *argumentDef = def.argument(argument.name);
        if (!argumentDef) {
            report(u"Field '%1' doesn't accept argument '%2'"_s.arg(field.name, argument.name),
                   argument.location,
                   ext({{u"code"_s, u"argumentNotAccepted"_s}, {u"name"_s, field.name},
                        {u"typeName"_s, u"Field"_s}, {u"argumentName"_s, argument.name}}));
            continue;
        }
        recordUsages(argument.value, argumentDef->type, argumentDef->defaultValue.has_value(),
                     argument.name, scope);
        if (!coercion.literalFits(argumentDef->type, argument.value)) {
            report(u"Argument '%1' on Field '%2' has an invalid value (%3). Expected type '%4'."_s.arg(
                       argument.name, field.name, InputCoercion::print(argument.value),
                       argumentDef->type.toString()),
                   argument.location,
                   ext({{u"code"_s, u"argumentLiteralsIncompatible"_s}, {u"typeName"_s, u"Field"_s},
                        {u"argumentName"_s, argument.name}}));
        }
    }
    QStringList missing;
    for (const ArgumentDef &argument : def.arguments) {
        if (argument.type.nonNull && !argument.defaultValue && !field.argument(argument.name))
            missing.append(argument.name);
    }
    if (!missing.isEmpty()) {
        report(u"Field '%1' is missing required arguments: %2"_s.arg(field.name, missing.join(u", "_s)),
               field.location,
               ext({{u"code"_s, u"missingRequiredArguments"_s}, {u"className"_s, u"Field"_s},
                    {u"name"_s, field.name}, {u"arguments"_s, missing.join(u", "_s)}}));
    }
}

void Validator::recordUsages(const Value &value, const TypeRef &expected, bool hasDefault,
                             const QString &argument, Scope *scope)
{
    switch (value.kind) {
    case Value::Kind::Variable:
        scope->usages.push_back({value.text, expected, hasDefault, argument, value.location});
        break;
    case Value::Kind::List:
        for (const Value &item : value.items)
            recordUsages(item, expected.isList() ? *expected.ofType : expected, false, argument, scope);
        break;
    case Value::Kind::Object:
        for (const auto &field : value.fields)
            recordUsages(field.second, TypeRef{}, false, argument, scope); // input objects: untyped here
        break;
    default:
        break;
    }
}

void Validator::collectUsages(const Scope &scope, std::vector<Usage> *usages, QStringList *seen) const
{
    usages->insert(usages->end(), scope.usages.begin(), scope.usages.end());
    for (const QString &spread : scope.spreads) {
        if (seen->contains(spread) || !m_fragmentScopes.contains(spread))
            continue;
        seen->append(spread);
        collectUsages(m_fragmentScopes[spread], usages, seen);
    }
}

bool Validator::acceptsVariable(const TypeRef &variable, const TypeRef &expected, bool hasDefault) const
{
    if (expected.nonNull && !variable.nonNull && !hasDefault)
        return false;
    const TypeRef a = withoutNonNull(variable);
    const TypeRef b = withoutNonNull(expected);
    if (a.isList() != b.isList())
        return b.isList() && acceptsVariable(a, *b.ofType, true); // a single value fits a list
    if (a.isList())
        return acceptsVariable(*a.ofType, *b.ofType, false);
    return a.name == b.name || (b.name == u"ID"_s && a.name == u"String"_s);
}

void Validator::checkVariables(const Operation &operation, const Scope &scope)
{
    const QString user = operation.name.isEmpty() ? u"anonymous %1"_s.arg(operation.pathName())
                                                  : operation.name;
    std::vector<Usage> usages;
    QStringList seen;
    collectUsages(scope, &usages, &seen);
    const InputCoercion coercion(m_schema);
    for (const VariableDefinition &variable : operation.variables) {
        QString named = variable.type.name;
        for (auto t = variable.type.ofType; t; t = t->ofType)
            named = t->name;
        const TypeDef *type = m_schema.type(named);
        if (!type || !type->isLeaf()) {
            report(u"%1 isn't a defined input type (on $%2)"_s.arg(variable.type.toString(), variable.name),
                   variable.location,
                   ext({{u"code"_s, u"variableRequiresValidType"_s}, {u"typeName"_s, variable.type.toString()},
                        {u"variableName"_s, variable.name}}));
        } else if (variable.defaultValue && !coercion.literalFits(variable.type, *variable.defaultValue)) {
            report(u"Default value for $%1 doesn't match type %2"_s.arg(variable.name, variable.type.toString()),
                   variable.location,
                   ext({{u"code"_s, u"defaultValueInvalidType"_s}, {u"variableName"_s, variable.name},
                        {u"typeName"_s, variable.type.toString()}}));
        }
        const bool used = std::any_of(usages.begin(), usages.end(),
                                      [&](const Usage &u) { return u.variable == variable.name; });
        if (!used) {
            report(u"Variable $%1 is declared by %2 but not used"_s.arg(variable.name, user), variable.location,
                   ext({{u"code"_s, u"variableNotUsed"_s}, {u"variableName"_s, variable.name}}));
        }
    }
    for (const Usage &usage : usages) {
        const auto declared = std::find_if(operation.variables.begin(), operation.variables.end(),
                                           [&](const VariableDefinition &v) { return v.name == usage.variable; });
        if (declared == operation.variables.end()) {
            report(u"Variable $%1 is used by %2 but not declared"_s.arg(usage.variable, user), usage.location,
                   ext({{u"code"_s, u"variableNotDefined"_s}, {u"variableName"_s, usage.variable}}));
            continue;
        }
        if (usage.expected.name.isEmpty() && !usage.expected.isList())
            continue; // inside an input object literal: not typed here
        const bool hasDefault = usage.hasDefault || declared->defaultValue.has_value();
        if (!acceptsVariable(declared->type, usage.expected, hasDefault)) {
            const bool nullability = acceptsVariable(withoutNonNull(declared->type),
                                                     withoutNonNull(usage.expected), true);
            report(u"%1 mismatch on variable $%2 and argument %3 (%4 / %5)"_s.arg(
                       nullability ? u"Nullability"_s : u"Type"_s, usage.variable, usage.argument,
                       declared->type.toString(), usage.expected.toString()),
                   usage.location,
                   ext({{u"code"_s, u"variableMismatch"_s}, {u"variableName"_s, usage.variable},
                        {u"typeName"_s, declared->type.toString()}, {u"argumentName"_s, usage.argument},
                        {u"errorMessage"_s, nullability ? u"Nullability mismatch"_s : u"Type mismatch"_s}}));
        }
    }
}

} // namespace storeloom::sandbox::graphql
