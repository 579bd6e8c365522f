// The sandbox's GraphQL front end on its own: the parser (every literal,
// fragments, directives, comments, errors) and static validation with
// graphql-ruby's messages, over the adapter's real documents and variations.
#include "shopify/api/shopifyschema.h"
#include "shopify/graphql/gqlparser.h"
#include "shopify/graphql/gqlvalidator.h"
#include "shopifytestclient.h"

#include <QDir>
#include <QTest>

using namespace storeloom::sandbox;
using namespace storeloom::sandbox::graphql;
using namespace Qt::StringLiterals;

namespace {

Document parsed(const QString &source)
{
    auto result = Parser(source).parseDocument();
    if (const auto *error = std::get_if<SyntaxError>(&result))
        qWarning() << "unexpected syntax error:" << error->message;
    return std::get<Document>(std::move(result));
}

SyntaxError syntaxError(const QString &source)
{
    auto result = Parser(source).parseDocument();
    return std::get_if<SyntaxError>(&result) ? std::get<SyntaxError>(result) : SyntaxError{};
}

std::vector<Error> validated(const QString &source)
{
    const Document document = parsed(source);
    return Validator(shopify::shopifySchema(), document).validate();
}

} // namespace

class TestShopifyGraphqlParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAdapterDocumentParsesAndValidates_data()
    {
        QTest::addColumn<QString>("name");
        const QDir folder(QStringLiteral(STORELOOM_SHOPIFY_DOCUMENTS));
        const QStringList files = folder.entryList({u"*.graphql"_s}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 12);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file.chopped(8);
    }
    void everyAdapterDocumentParsesAndValidates()
    {
        QFETCH(QString, name);
        const QString source = storeloom::test::ShopifyTestClient::documentText(name);
        auto result = Parser(source).parseDocument();
        if (const auto *error = std::get_if<SyntaxError>(&result))
            QFAIL(qPrintable(error->message));
        const Document &document = std::get<Document>(result);
        QCOMPARE(document.operations.size(), size_t(1));
        const auto errors = Validator(shopify::shopifySchema(), document).validate();
        QVERIFY2(errors.empty(), errors.empty() ? "" : qPrintable(errors.front().message));
    }

    void productsPageKeepsItsFragmentsAndVariables()
    {
        const Document document = parsed(storeloom::test::ShopifyTestClient::documentText(u"ProductsPage"_s));
        const Operation &operation = document.operations.front();
        QCOMPARE(operation.name, u"ProductsPage"_s);
        QCOMPARE(operation.variables.size(), size_t(5));
        QCOMPARE(operation.variables.front().type.toString(), u"Int!"_s);
        QCOMPARE(document.fragments.size(), size_t(1));
        QCOMPARE(document.fragments.front().typeCondition, u"ProductVariant"_s);
    }

    void literalsOfEveryKind()
    {
        const Document document = parsed(
            u"# a comment, and commas are insignificant\n"
            "query Q($v: Int = 3, $list: [String!]! = [\"a\", \"b\"]) {\n"
            "  field(int: -12, float: -2.5e3, string: \"quote \\\" tab\\t \\u00e9\", yes: true, no: false,\n"
            "        none: null, color: RED, list: [1, [2, 3]], object: {a: 1, b: [$v]}, variable: $v,\n"
            "        block: \"\"\"\n"
            "            first\n"
            "              indented\n"
            "        \"\"\") @custom(reason: \"ignored\") { alias: name }\n"
            "}\n"_s);
        const Operation &operation = document.operations.front();
        QCOMPARE(operation.variables.at(1).type.toString(), u"[String!]!"_s);
        QCOMPARE(operation.variables.at(1).defaultValue->items.size(), size_t(2));
        const Selection &field = operation.selections.front();
        QCOMPARE(field.arguments.size(), size_t(11));
        auto value = [&](const char16_t *name) { return field.argument(QString::fromUtf16(name))->value; };
        QCOMPARE(value(u"int").kind, Value::Kind::Int);
        QCOMPARE(value(u"int").text, u"-12"_s);
        QCOMPARE(value(u"float").kind, Value::Kind::Float);
        QCOMPARE(value(u"string").text, u"quote \" tab\t \u00e9"_s);
        QVERIFY(value(u"yes").boolean);
        QCOMPARE(value(u"none").kind, Value::Kind::Null);
        QCOMPARE(value(u"color").kind, Value::Kind::Enum);
        QCOMPARE(value(u"list").items.at(1).items.size(), size_t(2));
        QCOMPARE(value(u"object").fields.at(1).second.items.front().kind, Value::Kind::Variable);
        QCOMPARE(value(u"variable").text, u"v"_s);
        QCOMPARE(value(u"block").text, u"first\n  indented"_s);
        QCOMPARE(field.directives.front().name, u"custom"_s);
        QCOMPARE(field.selections.front().responseKey(), u"alias"_s);
        QCOMPARE(field.selections.front().name, u"name"_s);
    }

    void fragmentsSpreadsAndInlineFragments()
    {
        const Document document = parsed(
            u"{ node(id: \"x\") { ...Named ... on Product { title } ... @include(if: true) { id } } }\n"
            "fragment Named on Node { id }"_s);
        const auto &selections = document.operations.front().selections.front().selections;
        QCOMPARE(selections.size(), size_t(3));
        QCOMPARE(selections.at(0).kind, Selection::Kind::FragmentSpread);
        QCOMPARE(selections.at(1).kind, Selection::Kind::InlineFragment);
        QCOMPARE(selections.at(1).typeCondition, u"Product"_s);
        QCOMPARE(selections.at(2).typeCondition, QString());
        QCOMPARE(selections.at(2).directives.front().name, u"include"_s);
        QCOMPARE(document.fragment(u"Named"_s)->typeCondition, u"Node"_s);
    }

    void syntaxErrorsSayWhereAndWhat_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed") << u"{ shop { id }"_s << u"syntax error, unexpected end of file at [1, 14]"_s;
        QTest::newRow("stray brace") << u"{ shop { } }"_s << u"syntax error, unexpected RCURLY (\"}\") at [1, 10]"_s;
        QTest::newRow("empty") << u"  "_s << u"syntax error, unexpected end of file at [1, 3]"_s;
        QTest::newRow("string") << u"{ a(b: \"open) }"_s << u"syntax error, unterminated string at [1, 8]"_s;
        QTest::newRow("character") << u"{ a % }"_s << u"syntax error, unexpected character \"%\" at [1, 5]"_s;
        QTest::newRow("second line") << u"query {\n  shop(\n}"_s
                                     << u"syntax error, unexpected RCURLY (\"}\") at [3, 1]"_s;
    }
    void syntaxErrorsSayWhereAndWhat()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QCOMPARE(syntaxError(source).message, message);
    }

    void unknownFieldsAreReportedLikeShopify()
    {
        const auto errors = validated(u"query Q { products(first: 1) { nodes { id colour } } }"_s);
        QCOMPARE(errors.size(), size_t(1));
        const QJsonObject error = errors.front().toJson();
        QCOMPARE(error[u"message"_s].toString(), u"Field 'colour' doesn't exist on type 'Product'"_s);
        QCOMPARE(error[u"path"_s].toArray(), (QJsonArray{u"query Q"_s, u"products"_s, u"nodes"_s, u"colour"_s}));
        QCOMPARE(error[u"locations"_s][0][u"line"_s].toInt(), 1);
        QCOMPARE(error[u"locations"_s][0][u"column"_s].toInt(), 43);
        QCOMPARE(error[u"extensions"_s].toObject(),
                 (QJsonObject{{u"code"_s, u"undefinedField"_s}, {u"typeName"_s, u"Product"_s},
                              {u"fieldName"_s, u"colour"_s}}));
    }

    void staticRulesHaveGraphqlRubyCodes_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("undefined fragment")
            << u"{ shop { ...Missing } }"_s << u"useAndDefineFragment"_s << u"Fragment Missing was used, but not defined"_s;
        QTest::newRow("unused fragment") << u"{ shop { id } } fragment F on Shop { id }"_s << u"useAndDefineFragment"_s
                                         << u"Fragment F was defined, but not used"_s;
        QTest::newRow("cycle") << u"{ shop { ...A } } fragment A on Shop { ...B } fragment B on Shop { ...A }"_s
                               << u"infiniteLoop"_s << u"Fragment A contains an infinite loop"_s;
        QTest::newRow("wrong spread") << u"{ shop { ... on Product { id } } }"_s << u"cannotSpreadFragment"_s
                                      << u"Fragment on Product can't be spread inside Shop"_s;
        QTest::newRow("unknown argument") << u"{ products(first: 1, query: \"x\") { nodes { id } } }"_s
                                          << u"argumentNotAccepted"_s
                                          << u"Field 'products' doesn't accept argument 'query'"_s;
        QTest::newRow("missing argument") << u"{ product { id } }"_s << u"missingRequiredArguments"_s
                                          << u"Field 'product' is missing required arguments: id"_s;
        QTest::newRow("bad literal") << u"{ products(first: \"ten\") { nodes { id } } }"_s
                                     << u"argumentLiteralsIncompatible"_s
                                     << u"Argument 'first' on Field 'products' has an invalid value (\"ten\"). Expected type 'Int'."_s;
        QTest::newRow("leaf selection") << u"{ shop { name { x } } }"_s << u"selectionMismatch"_s
                                        << u"Selections can't be made on scalars (field 'name' returns String! but has selections [x])"_s;
        QTest::newRow("object without selection")
            << u"{ shop }"_s << u"selectionMismatch"_s
            << u"Field must have selections (field 'shop' returns Shop! but has no selections. Did you mean 'shop { ... }'?)"_s;
        QTest::newRow("undeclared variable") << u"query Q { products(first: $n) { nodes { id } } }"_s
                                             << u"variableNotDefined"_s << u"Variable $n is used by Q but not declared"_s;
        QTest::newRow("unused variable") << u"query Q($n: Int) { shop { id } }"_s << u"variableNotUsed"_s
                                         << u"Variable $n is declared by Q but not used"_s;
        QTest::newRow("nullable into required") << u"query Q($id: ID) { product(id: $id) { id } }"_s
                                                << u"variableMismatch"_s
                                                << u"Nullability mismatch on variable $id and argument id (ID / ID!)"_s;
        QTest::newRow("type mismatch") << u"query Q($n: String) { products(first: $n) { nodes { id } } }"_s
                                       << u"variableMismatch"_s
                                       << u"Type mismatch on variable $n and argument first (String / Int)"_s;
        QTest::newRow("unknown type condition") << u"{ node(id: \"x\") { ... on Widget { id } } }"_s
                                                << u"undefinedType"_s
                                                << u"No such type Widget, so it can't be a fragment condition"_s;
    }
    void staticRulesHaveGraphqlRubyCodes()
    {
        QFETCH(QString, source);
        QFETCH(QString, code);
        QFETCH(QString, message);
        const auto errors = validated(source);
        QVERIFY(!errors.empty());
        QCOMPARE(errors.front().message, message);
        QCOMPARE(errors.front().extensions[u"code"_s].toString(), code);
    }

    void validVariationsPass_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("aliases and typename")
            << u"{ a: shop { __typename n: name } b: products(first: 2) { edges { cursor node { id } } } }"_s;
        QTest::newRow("interface fragment") << u"{ node(id: \"x\") { id ... on Product { title } } }"_s;
        QTest::newRow("nested fragments")
            << u"{ shop { ...A } } fragment A on Shop { id ...B } fragment B on Shop { name }"_s;
        QTest::newRow("defaults") << u"query ($n: Int = 5) { products(first: $n) { nodes { id } } }"_s;
        QTest::newRow("single value as list") << u"query ($n: String!) { nodes(ids: $n) { id } }"_s;
        QTest::newRow("mutation") << u"mutation { bulkOperationRunQuery(query: \"{ x }\") { userErrors { code } } }"_s;
    }
    void validVariationsPass()
    {
        QFETCH(QString, source);
        const auto errors = validated(source);
        QVERIFY2(errors.empty(), errors.empty() ? "" : qPrintable(errors.front().message));
    }
};

QTEST_GUILESS_MAIN(TestShopifyGraphqlParser)
#include "tst_shopify_graphqlparser.moc"
