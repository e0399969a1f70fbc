using Garrison.Reading.Documents;

namespace Garrison.Reading.Pipeline;

/// <summary>One step of reading. Stages are stateless after construction and safe to share between threads.</summary>
public interface IReadingStage
{
    void Process(ReadingDocument document, CancellationToken cancellationToken = default);
}
