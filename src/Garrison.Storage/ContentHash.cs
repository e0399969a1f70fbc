using System.Security.Cryptography;
using System.Text;

namespace Garrison.Storage;

/// <summary>The identity of a document's content: SHA-256 of its whole text (header and body), lower-case hex.</summary>
public static class ContentHash
{
    public static string Of(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
