import numpy as np
import torch

torch.manual_seed(0)
device = "cuda" if torch.cuda.is_available() else "mps" if torch.mps.is_available() else "cpu"


def main():
    print(f"Device: {device}")
    print(f"PyTorch version: {torch.__version__}")
    print(f"NumPy version: {np.__version__}")
    print(f"NVIDIA GPU (CUDA) available: {torch.cuda.is_available()}")
    print(f"Apple GPU (MPS) available: {torch.mps.is_available()}")


if __name__ == "__main__":
    main()
