using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Garrison.Storage.Sql;

/// <summary>
/// <c>IN</c> lists for ingest's queries without Dapper's list expansion. Dapper names each value's parameter without a
/// prefix, and Microsoft.Data.Sqlite then looks each name up as given and with <c>:</c>, <c>@</c> and <c>$</c> in a
/// statement of hundreds of parameters (a third of the time of the batch's entity and holdings queries). Ids are
/// integers and are written into the SQL; texts are bound as parameters named with their prefix.
/// </summary>
internal static class ListSql
{
    /// <summary><c>(1, 2, 3)</c>: integer ids written into the SQL (there is nothing to escape in an integer).</summary>
    public static string Ids(IEnumerable<long> ids)
    {
        var sql = new StringBuilder("(");
        foreach (var id in ids)
        {
            if (sql.Length > 1)
            {
                sql.Append(", ");
            }

            sql.Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return sql.Append(')').ToString();
    }

    /// <summary>A command in the transaction.</summary>
    public static DbCommand Command(DbTransaction transaction, string sql = "")
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Binds the values as <c>@{prefix}0</c>, <c>@{prefix}1</c>… and returns <c>(@{prefix}0, @{prefix}1, …)</c>.</summary>
    public static string Texts(DbCommand command, string prefix, IReadOnlyCollection<string> values)
    {
        var sql = new StringBuilder("(");
        var i = 0;
        foreach (var value in values)
        {
            var name = "@" + prefix + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append(name);
            Add(command, name, DbType.String, value);
            i++;
        }

        return sql.Append(')').ToString();
    }

    /// <summary>Adds a parameter named exactly as in the SQL, prefix included.</summary>
    public static void Add(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? Long(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static double? Double(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
