namespace Garrison.Storage;

/// <summary>A knowledge base that cannot be used as it is: not a Garrison database, or a schema newer than this build.</summary>
public sealed class KnowledgeStoreException : Exception
{
    public KnowledgeStoreException(string message)
        : base(message)
    {
    }

    public KnowledgeStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KnowledgeStoreException()
    {
    }
}
