"""One loaded model shared by many threads: its tokenizer gives every thread the right answer."""

from concurrent.futures import ThreadPoolExecutor

from summarizer.models.seq2seq import Seq2SeqTranslator

TEXTS = ["阿里云的收入增长了26%，阿里表示将继续投入。", "没有术语的一句话。" * 3]


def test_source_and_target_encoding_from_many_threads(tiny_nllb):
    # encoding a target switches an NLLB tokenizer to the target language; unguarded, a
    # source encoded meanwhile gets the English code (and a fast tokenizer can fail outright)
    translator = Seq2SeqTranslator(str(tiny_nllb), threads=1)
    source_code = translator.tokenizer.convert_tokens_to_ids("zho_Hans")
    expected_batch = translator.encode(TEXTS).input_ids.tolist()
    expected_target = translator.target_ids("Alibaba Cloud")
    assert [row[0] for row in expected_batch] == [source_code, source_code]

    def work(n: int):
        if n % 2:
            return translator.target_ids("Alibaba Cloud") == expected_target
        return translator.encode(TEXTS).input_ids.tolist() == expected_batch

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(work, range(6000)))
    assert answers.count(False) == 0


def test_a_worker_thread_generates_on_its_share_of_threads(tiny_nllb):
    import torch

    translator = Seq2SeqTranslator(str(tiny_nllb), max_new_tokens=4, threads=1)

    def work() -> int:
        translator.generate(["快手公布业绩。"])
        return torch.get_num_threads()  # torch counts threads per calling thread

    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(work).result() == 1
